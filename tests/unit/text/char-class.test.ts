import { describe, expect, it } from 'vitest';
import { createHost } from '../../../src/host';
import { INVISIBLE, charClass, normalize } from '../../../src/text';
import { PESKOV, sampleCorpus } from '../host/sample-corpus';

describe('invisible format characters', () => {
  it.each([
    ['variation selector 16', 0xfe0f],
    ['variation selector 1', 0xfe00],
    ['variation selector supplement', 0xe0100],
    ['variation selector 256', 0xe01ef],
    ['tag space', 0xe0020],
    ['cancel tag', 0xe007f],
    ['language tag', 0xe0001],
    ['Hangul choseong filler', 0x115f],
    ['Hangul jungseong filler', 0x1160],
    ['Hangul filler', 0x3164],
    ['half-width Hangul filler', 0xffa0],
  ])('%s is invisible and dropped by normalize', (_, cp) => {
    expect(charClass(cp) & INVISIBLE).toBeTruthy();
    expect(normalize(`n${String.fromCodePoint(cp)}ot`).text).toBe('not');
  });

  it('leaves the neighbours of those ranges visible', () => {
    for (const cp of [0xfdff, 0xfe10, 0xe0080, 0xe00ff, 0xe01f0, 0x3163, 0x3165, 0xff9f, 0xffa1, 0x115e, 0x1161]) {
      expect(charClass(cp) & INVISIBLE, cp.toString(16)).toBeFalsy();
    }
  });

  const host = createHost(sampleCorpus());
  const scan = (quoted: string) => host.scan({ type: 'qv:scan', text: `Peskov said: “${quoted}” Then he left.` }).findings;
  const doctored = PESKOV.text.replace('will not', 'will');

  it.each([
    ['a variation selector', '\uFE0F'],
    ['tag characters', '\u{E0020}\u{E0061}'],
    ['a Hangul filler', '\u3164'],
  ])('a doctored quotation with %s inside a word is altered, not unverified', (_, hidden) => {
    const withHidden = doctored.replace('respond', `res${hidden}pond`);
    const findings = scan(withHidden);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.verdict).toBe('altered');
    expect(findings[0]!.flags).toContain('negation');
  });

  it('the genuine wording with a variation selector inside a word is verified', () => {
    const findings = scan(PESKOV.text.replace('respond', 'res\uFE0Fpond'));
    expect(findings[0]!.verdict).toBe('verified');
  });
});
