/**
 * Text Fragment links (https://wicg.github.io/scroll-to-text-fragment/):
 * `url#:~:text=…` makes the browser scroll to and highlight the quotation.
 */

/**
 * Quotations longer than this many words link with `textStart,textEnd`
 * instead of the whole wording: the URL stays short, and a page that differs
 * in a word in the middle (a typo fixed, a dash changed) still matches.
 */
const FULL_TEXT_MAX_WORDS = 10;

/** Words taken from each end of a long quotation: enough to be unique in an article. */
const EDGE_WORDS = 4;

/** Percent-encodes a directive term: everything encodeURIComponent does, plus '-' (the spec's prefix/suffix marker). */
export function encodeFragmentTerm(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D');
}

/** `url` with a text directive for `text` (already the wording as printed). */
export function textFragmentUrl(url: string, text: string): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const directive =
    words.length <= FULL_TEXT_MAX_WORDS
      ? encodeFragmentTerm(words.join(' '))
      : `${encodeFragmentTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeFragmentTerm(words.slice(-EDGE_WORDS).join(' '))}`;
  const base = url.includes('#') ? url : `${url}#`;
  return `${base}:~:text=${directive}`;
}
