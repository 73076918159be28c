/** `review list` output: control and bidi characters are shown escaped, never sent raw to the terminal. */
import { describe, expect, it } from 'vitest';
import { formatQuoteForReview, formatQuoteLine } from '../../../../src/corpus/review';
import type { Quote } from '../../../../src/corpus/schema';

const quote: Quote = {
  id: 'q_0123456789ab',
  text: 'We will \u001b[8mnot\u001b[0m raise taxes',
  kind: 'direct',
  speaker: { name: 'Ann\u202Eeb', role: 'mayor\u0085' },
  date: '2020',
  datePrecision: 'year',
  dateBasis: 'imported',
  sources: [{ docId: 'import:q.json#1', title: 'T\u2066itle', url: 'https://example.org/' }],
  context: 'line one\nline\rtwo',
  review: { state: 'pending', note: 'n\u007fote' },
};

describe('formatQuoteForReview', () => {
  it('escapes C0, DEL, C1, carriage return and bidi characters in every field; keeps line breaks', () => {
    const out = formatQuoteForReview(quote);
    expect(out).toBe(
      [
        'q_0123456789ab  [pending]  Ann\\u202eeb (mayor\\u0085), 2020',
        '  “We will \\u001b[8mnot\\u001b[0m raise taxes”',
        '  note: n\\u007fote',
        '  context:',
        '    line one',
        '    line\\u000dtwo',
        '  source: T\\u2066itle <https://example.org/> [import:q.json#1]',
      ].join('\n'),
    );
    expect(formatQuoteLine(quote)).toContain('Ann\\u202eeb, 2020: “We will \\u001b[8mnot');
  });
});
