/**
 * Where a finding's wording is in the HTML file. The DOM keeps no source
 * positions, so the wording's first and last words are searched in the source,
 * in order, allowing between words what markup puts there: tags (`<em>`),
 * character references (`&nbsp;`, `&rsquo;`), whitespace and punctuation.
 * Findings are located in text order, each search starting where the previous
 * one started, so repeated wording maps to successive occurrences.
 */

/** Words compared at each end: enough to be specific, few enough to survive markup inside them. */
const PROBE_WORDS = 4;
/** What may stand between two words in HTML source. */
const BETWEEN = String.raw`(?:<[^>]*>|&#?\w+;|[^\p{L}\p{N}<&])+`;
const WORD = /[\p{L}\p{N}]+/gu;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function probe(words: string[]): RegExp {
  return new RegExp(words.map(escape).join(BETWEEN), 'gu');
}

export class HtmlLocator {
  private cursor = 0;
  constructor(private readonly source: string) {}

  /** [start, end) of `text` in the source, or undefined when the markup hides it (e.g. a letter written as an entity). */
  locate(text: string): { start: number; end: number } | undefined {
    const words = text.match(WORD) ?? [];
    if (words.length === 0) return undefined;
    for (let n = Math.min(PROBE_WORDS, words.length); n >= 1; n--) {
      const head = probe(words.slice(0, n));
      head.lastIndex = this.cursor;
      const m = head.exec(this.source) ?? ((head.lastIndex = 0), head.exec(this.source));
      if (!m) continue;
      const start = m.index;
      this.cursor = start;
      const tail = probe(words.slice(-Math.min(PROBE_WORDS, words.length)));
      tail.lastIndex = start;
      const t = tail.exec(this.source);
      return { start, end: t ? t.index + t[0].length : start + m[0].length };
    }
    return undefined;
  }
}
