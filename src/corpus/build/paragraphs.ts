/**
 * Paragraphs as the format readers produce them, and the generic test that
 * tells prose from web-page leftovers (headings, captions, emoji markers,
 * flattened tables, comment widgets). Leftovers are never context and never
 * a source of quotations.
 */
import { canonical } from '../../text';

export type ParagraphRole = 'text' | 'heading' | 'item' | 'caption' | 'table' | 'image';

export interface Paragraph {
  /** Text as printed, whitespace collapsed, list bullet removed. */
  text: string;
  /** 1-based line in the source file, where known. */
  line?: number;
  /** What the format's structure says the block is. */
  role: ParagraphRole;
}

export interface ClassifiedParagraph extends Paragraph {
  /** Why the paragraph is not prose; absent for prose. */
  leftover?: string;
}

/**
 * A line with no sentence punctuation at its end and fewer words than this is
 * a heading, label, byline or name line, not prose. Longer unpunctuated lines
 * stay prose: scraped text sometimes loses a paragraph's final period.
 */
const HEADING_MAX_WORDS = 20;

/**
 * Two or more lowercase-to-uppercase joins inside words ("PositionStatus",
 * "regionsDirect") mark table cells glued together by a text scrape. One join
 * is ordinary ("iPhone", "McDonald").
 */
const GLUED_TABLE_MIN_JOINS = 2;

/** Lines this short that match a widget phrase are comment/share/menu chrome. */
const WIDGET_MAX_WORDS = 8;

const BULLET = /^\s*(?:[\u2022\u25E6\u25AA\u25AB\u2023\u2043\u2219\u00B7\u25CF\u25CB\u25A0\u25A1\u2013\u2014*+-])\s+/u;
const TERMINAL = /[.!?\u2026:;]$/u;
const TRAILING_CLOSERS = /[\s"'\u201D\u201C\u2019\u00BB)\]]+$/u;
const EMOJI_LED = /^[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const GLUED = /\p{Ll}\p{Lu}/gu;
const CAPTION =
  /(?:^|[\s(])(?:photo(?:graph)?s?|image|picture|illustration|video|credit|source image|фото)\s*(?:credit|by)?\s*:/iu;
const WIDGET_PHRASE = new RegExp(
  '^(?:' +
    [
      'post a comment',
      'leave a (?:comment|reply)',
      'add a comment',
      '\\d+\\s+comments?',
      'no comments(?: yet)?',
      '(?:show |load more |view )?comments?',
      '(?:close|open|main) menu',
      'menu',
      'share(?: this)?(?: article| post| story)?(?: on \\w+)?',
      'print',
      'subscribe(?: now)?',
      'sign (?:in|up)',
      'log ?(?:in|out)',
      'read more',
      'continue reading',
      'related(?: posts| articles| stories)?',
      'advertisement',
      'sponsored',
      '(?:newer|older) posts?',
      'home',
      'skip to (?:main )?content',
      'back to top',
      '(?:tags?|labels?|categories|filed under)\\s*:.*',
      '(?:accept|reject)(?: all)? cookies',
    ].join('|') +
    ')[.!]?$',
  'iu',
);

export const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Removes a leading list bullet ("• ", "- ", "* "). */
export function stripBullet(line: string): { text: string; bullet: boolean } {
  const m = BULLET.exec(line);
  return m ? { text: line.slice(m[0].length), bullet: true } : { text: line, bullet: false };
}

export const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** Ends like a sentence (after closing quotes and brackets)? */
export function endsLikeSentence(text: string): boolean {
  return TERMINAL.test(text.replace(TRAILING_CLOSERS, '')) || /[.!?,]["'\u201D\u2019\u00BB]$/u.test(text);
}

/** Why `p` is a leftover, or undefined when it is prose. `title` is the document's title. */
export function leftoverReason(p: Paragraph, title: string | undefined): string | undefined {
  const text = p.text;
  if (text === '') return 'empty';
  if (p.role === 'caption' || p.role === 'image') return 'caption';
  if (p.role === 'table') return 'table';
  if (title !== undefined && canonical(text) === canonical(title)) return 'title';
  if (EMOJI_LED.test(text)) return 'emoji marker';
  const words = wordCount(text);
  if (words <= WIDGET_MAX_WORDS && WIDGET_PHRASE.test(text)) return 'comment widget';
  if (CAPTION.test(text)) return 'caption';
  const sentence = endsLikeSentence(text);
  if (!sentence && (text.match(GLUED) ?? []).length >= GLUED_TABLE_MIN_JOINS) return 'flattened table';
  if (p.role === 'heading') return 'heading';
  if (!sentence && words < HEADING_MAX_WORDS) return 'heading';
  return undefined;
}

export function classifyParagraphs(paragraphs: Paragraph[], title: string | undefined): ClassifiedParagraph[] {
  return paragraphs.map((p) => {
    const leftover = leftoverReason(p, title);
    return leftover === undefined ? { ...p } : { ...p, leftover };
  });
}
