import { describe, expect, it } from 'vitest';
import { findQuotedSpans } from '../../../src/match';

/** The quoted texts of a string. */
const quoted = (s: string) => findQuotedSpans(s).map((q) => s.slice(q.start, q.end));

describe('findQuotedSpans', () => {
  it.each([
    ['English curly', 'He said “we will not respond” today.', ['we will not respond']],
    ['straight double', 'He said "we will not respond" today.', ['we will not respond']],
    ['curly single', 'He said ‘we will not respond’ today.', ['we will not respond']],
    ['straight single', "He said 'we will not respond' today.", ['we will not respond']],
    ['guillemets with spaces inside', 'Il a dit « nous ne répondrons pas » hier.', ['nous ne répondrons pas']],
    ['Russian guillemets', 'Песков: «Мы не видели никаких текстов».', ['Мы не видели никаких текстов.'.slice(0, -1)]],
    ['German low-high', 'Er sagte: „Wir antworten nicht“.', ['Wir antworten nicht']],
    ['Polish low-high', 'Powiedział: „Nie odpowiemy”.', ['Nie odpowiemy']],
    ['German single', 'Er sagte: ‚Wir antworten nicht‘.', ['Wir antworten nicht']],
    ['single guillemets', 'Il a dit ‹ non › hier.', ['non']],
    ['Swedish same marks', 'Han sa ”vi svarar inte” i går.', ['vi svarar inte']],
    ['CJK corner brackets', '他说「我们不回应」。', ['我们不回应']],
    ['mixed curly open, straight close', 'He said “we will not respond" today.', ['we will not respond']],
  ])('%s', (_, text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });

  it.each([
    ['contractions and possessives', 'Peskov’s aides don’t say it; Peskov\'s don\'t either.'],
    ['rock ’n’ roll', "It's rock 'n' roll and rock ’n’ roll."],
    ['decades', 'Back in the ’90s and the \'80s.'],
    ['plural possessive with nothing open', 'The ministers’ meeting ended.'],
    ['inch marks', 'A 5" screen and a 6" one.'],
  ])('apostrophes are not quotation marks: %s', (_, text) => {
    expect(quoted(text)).toEqual([]);
  });

  it('keeps apostrophes inside a quotation', () => {
    expect(quoted('He said “Peskov’s aides don’t know” and left.')).toEqual(['Peskov’s aides don’t know']);
    expect(quoted("She said 'it's rock 'n' roll' there.")).toEqual(["it's rock 'n' roll"]);
  });

  it('finds nested quotations with their depth', () => {
    const text = '“He told me ‘we have not seen any texts yet’ and left,” she said.';
    const spans = findQuotedSpans(text);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.depth])).toEqual([
      ['He told me ‘we have not seen any texts yet’ and left,', 0],
      ['we have not seen any texts yet', 1],
    ]);
    expect(text.slice(spans[0]!.open, spans[0]!.close)).toBe('“He told me ‘we have not seen any texts yet’ and left,”');
  });

  it('finds several quotations in a paragraph', () => {
    expect(quoted('“We have only seen newspaper articles so far,” Peskov said, “and we will not respond to them.”')).toEqual([
      'We have only seen newspaper articles so far,',
      'and we will not respond to them.',
    ]);
  });

  it('does not run a quotation across a blank line', () => {
    expect(quoted('He said “we will\n\nnot respond” today.')).toEqual([]);
    expect(quoted('He said “we will\nnot respond” today.')).toEqual(['we will\nnot respond']);
  });

  it('drops an opening mark that is never closed, and finds the later quotations', () => {
    expect(quoted('An “unclosed remark. Then he said “yes” and left.')).toEqual(['yes']);
  });
});
