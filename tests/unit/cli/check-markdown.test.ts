import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../../src/cli/check/markdown';

/** Every character that came from the source maps back to the same character. */
function expectMapped(source: string, text: string, map: Uint32Array) {
  expect(map.length).toBe(text.length + 1);
  expect(map[text.length]).toBe(source.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' && source[map[i]!] === '|') continue; // table cell separator
    expect(source[map[i]!], `text[${i}] = ${JSON.stringify(c)}`).toBe(c);
  }
}

describe('markdownToText', () => {
  it('drops YAML front matter and keeps the body with its line structure', () => {
    const src = '---\ntitle: "We will not respond"\n---\nFirst paragraph.\n\nSecond.\n';
    const { text, map } = markdownToText(src);
    expect(text).toBe('First paragraph.\n\nSecond.\n');
    expectMapped(src, text, map);
  });

  it('keeps a document that only starts with a thematic break', () => {
    const src = '---\nNo closing fence here.\n';
    expect(markdownToText(src).text).toBe('\nNo closing fence here.\n');
  });

  it('removes heading, blockquote, list and task markers', () => {
    const src = '## Title ##\n> > “Quoted,” he said.\n- item\n3. third\n- [x] done\n';
    const { text, map } = markdownToText(src);
    expect(text).toBe('Title\n“Quoted,” he said.\nitem\nthird\ndone\n');
    expectMapped(src, text, map);
  });

  it('removes emphasis inside a quotation so the wording reaches the engine whole', () => {
    const src = '“We have **only** seen _newspaper_ articles ~~so far~~,” Peskov said. Intra*word*.';
    const { text, map } = markdownToText(src);
    expect(text).toBe('“We have only seen newspaper articles so far,” Peskov said. Intraword.');
    expectMapped(src, text, map);
  });

  it('keeps literal asterisks, snake_case and escaped punctuation', () => {
    const src = '5 * 3 and snake_case_name and \\*not emphasis\\* and a ~ tilde';
    expect(markdownToText(src).text).toBe('5 * 3 and snake_case_name and *not emphasis* and a ~ tilde');
  });

  it('keeps link and image text, drops targets, reference definitions and HTML', () => {
    const src = 'See [the **briefing**](https://example.org/a_b "Title") and ![a photo](p.png), [ref][1], <https://x.example>.\n<!-- a\ncomment -->Text <em>kept</em>.\n[1]: https://example.org\n';
    const { text, map } = markdownToText(src);
    // A comment opening a line is an HTML block: it ends the paragraph, as in CommonMark.
    expect(text).toBe('See the briefing and a photo, ref, https://x.example.\n\nText kept.\n\n');
    expectMapped(src, text, map);
  });

  it('keeps code as text but not its fences, and separates table cells', () => {
    const src = '```js\nconst a = "b";\n```\n| a | b |\n|---|:-:|\n| one | two |\n';
    const { text, map } = markdownToText(src);
    expect(text).toBe('\nconst a = "b";\n\n  a   b  \n\n  one   two  \n');
    expectMapped(src, text, map);
  });

  it('handles CRLF line endings', () => {
    const src = '# Title\r\n\r\n> “Quote”\r\n';
    expect(markdownToText(src).text.replace(/\r/g, '')).toBe('Title\n\n“Quote”\n');
  });
});
