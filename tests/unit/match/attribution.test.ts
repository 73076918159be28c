import { describe, expect, it } from 'vitest';
import { attributionOf } from '../../../src/match';

const peskov = { name: 'Dmitry Peskov', role: 'Kremlin spokesman', aliases: ['Peskov'] };
const around = (before: string, after: string, quoteEndsSentence = false) =>
  attributionOf({ before, after, quoteEndsSentence }, peskov);

describe('attributionOf', () => {
  it.each([
    ['', ', Zelensky said.', 'Zelensky'],
    ['', ', said Zelensky.', 'Zelensky'],
    ['', ', Zelensky told reporters.', 'Zelensky'],
    ['', ', Zelensky has said.', 'Zelensky'],
    ['Zelensky said: ', '', 'Zelensky'],
    ['Zelensky: ', '', 'Zelensky'],
    ['According to Volodymyr Zelensky, ', '', 'Volodymyr Zelensky'],
    ['', ', said Ukrainian President Volodymyr Zelensky on Friday.', 'Volodymyr Zelensky'],
    ['', ' Zelensky said.', 'Zelensky', true],
  ])('before %j after %j -> another person', (before, after, name, ends = false) => {
    expect(around(before, after, ends)).toEqual({ kind: 'other', name });
  });

  it.each([
    ['', ', Peskov said.'],
    ['', ', Dmitry Peskov told reporters.'],
    ['', ', the Kremlin spokesman said.'],
    ['Kremlin spokesman Dmitry Peskov said: ', ''],
  ])('the speaker: %j %j', (before, after) => {
    expect(around(before, after).kind).toBe('speaker');
  });

  it.each([
    ['', ', he said.'],
    ['', ', the Kremlin said.'],
    ['', ', Moscow says.'],
    ['', ', officials said.'],
    ['', ', Zelensky’s spokesman said.'],
    ['', '. Zelensky then spoke about the weather at length in Kyiv.', true],
    ['Update: ', ''],
    ['', ''],
    ['In Moscow the mood was grim. ', ''],
  ])('nobody clearly: %j %j', (before, after, ends = false) => {
    expect(around(before, after, ends).kind).not.toBe('other');
  });

  it('the same sentence wins over the paragraph', () => {
    expect(around('Zelensky said the talks failed. Later Peskov said: ', '')).toMatchObject({ kind: 'speaker' });
    expect(around('Zelensky said the talks failed. ', '')).toEqual({ kind: 'other', name: 'Zelensky' });
  });
});
