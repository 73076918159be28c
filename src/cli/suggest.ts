/**
 * Friendlier argument errors: node:util parseArgs's messages rewritten in the
 * CLI's words, with "did you mean …?" for a mistyped option or command.
 */

/** Largest edit distance still worth a suggestion, for words this short: one slip per 3 letters, at most 3. */
const maxDistance = (word: string) => Math.min(3, Math.max(1, Math.floor(word.length / 3)));

/** Levenshtein distance (insertions, deletions, substitutions; an adjacent swap counts 2). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest candidate within reach, or undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 0.5 : distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= maxDistance(word) ? best : undefined;
}

/** " (did you mean --json?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${match}?)`;
}

/**
 * parseArgs's error as one short line: "unknown option --jsn (did you mean
 * --json?)", "--corpus needs a value", "--json takes no value".
 * `options` are the command's option names, without dashes.
 */
export function argumentError(error: unknown, options: readonly string[]): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '';
    const name = flag.replace(/^--?/, '').replace(/=.*$/, '');
    return `unknown option ${flag}${didYouMean(`--${name}`, options.map((o) => `--${o}`))}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /Option '(-\w, )?(--[\w-]+)/.exec(message)?.[2];
    if (flag && /argument missing/.test(message)) return `${flag} needs a value`;
    if (flag && /does not take an argument/.test(message)) return `${flag} takes no value`;
  }
  return message;
}
