/**
 * Characters that must not reach an editor's terminal or a reader's card from
 * imported text: C0 controls other than tab, line feed and carriage return,
 * DEL, C1 controls (a terminal escape sequence can hide or recolour words), and
 * the bidi embeddings, overrides and isolates (they reorder what is shown, so
 * the text on screen is not the text stored).
 */
// Built from a string so the pattern shows the code points, not raw control characters.
const CONTROL_CLASS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
const CONTROL = new RegExp(`[${CONTROL_CLASS}]`, 'u');
/** For printing: the same set plus carriage return, which lets later text overwrite a line on a terminal. */
const SHOWN_ESCAPED = new RegExp(`[${CONTROL_CLASS}\\r]`, 'gu');

const codePoint = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** The first control character in `s`, as "U+001B", or undefined. */
export function firstControlChar(s: string): string | undefined {
  const m = CONTROL.exec(s);
  return m ? `U+${codePoint(m[0])}` : undefined;
}

/** `s` with every such character made visible as `\u001b` (lower-case hex, as JSON writes it). */
export function escapeControlChars(s: string): string {
  return s.replace(SHOWN_ESCAPED, (c) => `\\u${codePoint(c).toLowerCase()}`);
}
