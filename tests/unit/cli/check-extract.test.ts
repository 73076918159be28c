import { describe, expect, it } from 'vitest';
import { decodeStream, extractText, formatFromName, InputError, sniffFormat, type InputFormat } from '../../../src/cli/check/extract';

describe('input format', () => {
  it('comes from the file extension', async () => {
    expect(formatFromName('a/b/story.HTML')).toBe('html');
    expect(formatFromName('story.htm')).toBe('html');
    expect(formatFromName('story.md')).toBe('markdown');
    expect(formatFromName('story.markdown')).toBe('markdown');
    expect(formatFromName('story.txt')).toBe('text');
    expect(formatFromName('story')).toBeUndefined();
  });

  it('is sniffed for standard input', async () => {
    expect(sniffFormat('\uFEFF  <!DOCTYPE html><html>')).toBe('html');
    expect(sniffFormat('<p>“A quote,” he said.</p>')).toBe('html');
    expect(sniffFormat('---\ntitle: x\n---\nBody')).toBe('markdown');
    expect(sniffFormat('# Headline\n\nBody')).toBe('markdown');
    expect(sniffFormat('“We are ready,” Peskov said. <- not a tag at the start')).toBe('text');
  });
});

describe('decodeStream', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  async function decodeAll(chunks: Uint8Array[], format: InputFormat | undefined): Promise<string> {
    const decoded = await decodeStream((async function* () { yield* chunks; })(), format);
    if (!decoded) return '';
    let out = decoded.first;
    for await (const s of decoded.rest) out += s;
    return out;
  }

  it('reads UTF-8 and drops the BOM, also with a character split between chunks', async () => {
    const bytes = utf8('\uFEFF“Quote”');
    expect(await decodeAll([bytes.subarray(0, 4), bytes.subarray(4)], 'text')).toBe('“Quote”');
  });

  it('honours an HTML meta charset', async () => {
    // "Песков" in windows-1251.
    const bytes = new Uint8Array([...utf8('<meta charset="windows-1251"><p>'), 0xcf, 0xe5, 0xf1, 0xea, 0xee, 0xe2, ...utf8('</p>')]);
    expect(await decodeAll([bytes], 'html')).toContain('Песков');
  });

  it('reads UTF-16 with a BOM', async () => {
    expect(await decodeAll([new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00])], 'text')).toBe('AB');
  });

  it('refuses binary files, wherever the NUL byte is', async () => {
    await expect(decodeAll([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])], undefined)).rejects.toThrow(InputError);
    await expect(decodeAll([utf8('text'), new Uint8Array([0x41, 0x00])], 'text')).rejects.toThrow(InputError);
  });
});

describe('HTML', () => {
  it('reads fragment-shaped HTML as a browser does: the text of the one body, not an empty second one', async () => {
    for (const html of [
      '<p>“A truce in itself is not what we want.”</p>',
      '<!doctype html><meta charset=utf-8><title>T</title><body><p>“A truce in itself is not what we want.”</p>',
      '<!DOCTYPE html><html lang=en><title>T</title><body><p>“A truce in itself is not what we want.”</p></html>',
    ]) {
      const { text } = await extractText(html, 'html');
      expect(text, html).toContain('A truce in itself is not what we want.');
      expect(text, html).not.toContain('T\n');
    }
  });

  it('collects the page text with the content script collector: no scripts, styles, form fields or head', async () => {
    const html = `<!DOCTYPE html><html><head><title>Title text</title><style>p{}</style></head><body>
      <h1>Headline</h1>
      <p>“A truce in itself is <em>not</em> what we want,” Peskov said.</p>
      <script>var s = "script text";</script>
      <textarea>field text</textarea>
      <p hidden>hidden text</p>
      <p style="display: none">styled away</p>
      <p>Last paragraph.</p>
    </body></html>`;
    const { text } = await extractText(html, 'html');
    expect(text).toContain('“A truce in itself is not what we want,” Peskov said.');
    expect(text).toContain('Headline');
    expect(text).toContain('Last paragraph.');
    for (const absent of ['Title text', 'p{}', 'script text', 'field text', 'hidden text', 'styled away']) {
      expect(text).not.toContain(absent);
    }
    // Blocks stay apart: a quotation never runs from one paragraph into the next.
    expect(text).toMatch(/Headline\s*\n\s*“A truce/);
  });

  it('decodes entities', async () => {
    expect((await extractText('<p>&ldquo;Peace&rdquo; &amp; more</p>', 'html')).text).toBe('“Peace” & more');
  });
});
