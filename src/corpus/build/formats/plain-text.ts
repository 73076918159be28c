/**
 * Plain text: paragraphs are separated by blank lines. Inside a block, lines
 * that start with a bullet are list items. Hard-wrapped lines are joined; in
 * a block with very long lines (a scrape that put one paragraph per line) each
 * line is its own paragraph.
 */
import { collapse, stripBullet, type Paragraph } from '../paragraphs';

/**
 * A block whose lines reach this length was not hard-wrapped (editors wrap at
 * 72-80 columns), so its line breaks are paragraph breaks.
 */
const UNWRAPPED_LINE_LENGTH = 100;

export function readPlainText(text: string): Paragraph[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Paragraph[] = [];
  let block: { text: string; line: number }[] = [];

  const flushBlock = () => {
    if (block.length === 0) return;
    const unwrapped = block.some((l) => l.text.trim().length >= UNWRAPPED_LINE_LENGTH);
    let cur: Paragraph | undefined;
    const push = () => {
      if (cur && collapse(cur.text) !== '') out.push({ ...cur, text: collapse(cur.text) });
      cur = undefined;
    };
    for (const l of block) {
      const { text: body, bullet } = stripBullet(l.text);
      if (bullet) {
        push();
        cur = { text: body, line: l.line, role: 'item' };
      } else if (cur && !unwrapped) {
        cur.text += ` ${body}`;
      } else {
        push();
        cur = { text: body, line: l.line, role: 'text' };
      }
    }
    push();
    block = [];
  };

  lines.forEach((raw, i) => {
    if (raw.trim() === '') flushBlock();
    else block.push({ text: raw, line: i + 1 });
  });
  flushBlock();
  return out;
}
