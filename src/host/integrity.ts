/**
 * Integrity of the shipped corpus. The build embeds the SHA-256 of the exact
 * corpus file and of the index file it packaged; before the background uses a
 * file it hashes the bytes it read and compares (the index at every start, the
 * corpus piece by piece against the hashes the checked index holds:
 * src/host/shipped-host.ts). A mismatch means a file was changed or corrupted
 * after the build: the corpus is refused and nothing is verified.
 * Pure: Web Crypto (`crypto.subtle`) exists in service workers, extension
 * pages and Node alike.
 */
export type OpenedCorpus =
  | { ok: true; json: unknown; sha256: string }
  | { ok: false; reason: 'integrity' | 'invalid'; error: string };

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A short form of a hash for people: enough digits to compare by eye. */
export const SHORT_HASH_DIGITS = 12;

export type CheckedBytes = { ok: true; sha256: string } | { ok: false; reason: 'integrity'; error: string };

/** Whether a shipped file's bytes hash to what the build embedded. */
export async function checkShippedBytes(bytes: ArrayBuffer | Uint8Array, expectedSha256: string | undefined, sourceName: string): Promise<CheckedBytes> {
  if (expectedSha256 === undefined) {
    return { ok: false, reason: 'integrity', error: `${sourceName}: this build carries no hash for it, so it cannot be checked; rebuild the extension` };
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    return {
      ok: false,
      reason: 'integrity',
      error:
        `${sourceName} failed its integrity check: it is not the file this build shipped ` +
        `(expected SHA-256 ${expectedSha256.slice(0, SHORT_HASH_DIGITS)}…, found ${actual.slice(0, SHORT_HASH_DIGITS)}…). ` +
        'Nothing is marked verified. Reinstall the extension from its publisher.',
    };
  }
  return { ok: true, sha256: actual };
}

export async function openCorpus(bytes: ArrayBuffer | Uint8Array, expectedSha256: string | undefined, sourceName: string): Promise<OpenedCorpus> {
  const checked = await checkShippedBytes(bytes, expectedSha256, sourceName);
  if (!checked.ok) return checked;
  const actual = checked.sha256;
  try {
    return { ok: true, json: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), sha256: actual };
  } catch (error) {
    return { ok: false, reason: 'invalid', error: `${sourceName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
