/** Where UTF-8 goes wrong, for messages naming the line of the first bad byte. */

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8: the longest
 * prefix a streaming fatal decoder accepts (an unfinished character at the
 * end of a prefix is not an error in stream mode), found by bisection.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const valid = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0; // valid(lo)
  let hi = bytes.length; // !valid(hi) when stream-decoding the whole, or the error is an unfinished last character
  if (valid(hi)) return Math.max(0, bytes.length - 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (valid(mid)) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}
