/**
 * Meaning call-outs (src/match/meaning.ts): one row per kind, plus decoys that
 * must raise none. Rows go through the whole engine (findAll on a page that
 * quotes a seed-corpus quotation with one edit), so the flag a finding carries
 * and the call-out the card leads with are tested together.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/match';
import { meaningCallouts, MEANING_KINDS, type MeaningKind } from '../../../src/match/meaning';
import type { DiffOp } from '../../../src/match/types';
import { Q, QUOTES } from './peskov-corpus';

const matcher = createMatcher(QUOTES);

/** The one finding on a page quoting `wording` between curly quotes, credited to Peskov. */
function judge(wording: string) {
  const found = matcher.findAll(`“${wording},” Peskov said.`).filter((f) => f.quoteId !== undefined);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  return found[0]!;
}

interface Row {
  kind: MeaningKind;
  quote: keyof typeof Q;
  from: string;
  to: string;
  /** The words the call-out names on each side. */
  dropped: string[];
  added: string[];
}

const rows: Row[] = [
  { kind: 'negation', quote: 'noTexts', from: 'we will not respond', to: 'we will respond', dropped: ['not'], added: [] },
  { kind: 'number', quote: 'points', from: 'received 28 points', to: 'received 12 points', dropped: ['28'], added: ['12'] },
  { kind: 'name', quote: 'istanbul', from: 'but Kyiv rules', to: 'but Washington rules', dropped: ['Kyiv'], added: ['Washington'] },
  { kind: 'modal', quote: 'contacts', from: 'side can continue', to: 'side must continue', dropped: ['can'], added: ['must'] },
  { kind: 'verb', quote: 'istanbul', from: 'Kyiv rules out this', to: 'Kyiv welcomes this', dropped: ['rules', 'out'], added: ['welcomes'] },
  { kind: 'wording', quote: 'truceInItself', from: 'our goals are', to: 'our territories are', dropped: ['goals'], added: ['territories'] },
  { kind: 'antonym', quote: 'tooEarly', from: 'too early to', to: 'too late to', dropped: ['early'], added: ['late'] },
  { kind: 'quantity', quote: 'truceInItself', from: 'after all our conditions', to: 'after some our conditions', dropped: ['all'], added: ['some'] },
  { kind: 'hedge', quote: 'tooEarly', from: 'this can be discussed', to: 'this can possibly be discussed', dropped: [], added: ['possibly'] },
  {
    kind: 'swap',
    quote: 'points',
    from: 'received 28 points from the Americans, and our experts',
    to: 'received 28 experts from the Americans, and our points',
    dropped: ['points', 'experts'],
    added: ['experts', 'points'],
  },
];

describe('meaning call-outs, one row per kind', () => {
  it('covers every kind', () => {
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(MEANING_KINDS));
  });

  it.each(rows)('$kind: “$from” → “$to”', ({ kind, quote, from, to, dropped, added }) => {
    const original = Q[quote].text.replace(/\.$/, '');
    expect(original).toContain(from);
    const f = judge(original.replace(from, to));
    expect(f.verdict).toBe('altered');
    expect(f.flags).toContain(kind);
    const callout = meaningCallouts(f.diff).find((c) => c.kind === kind);
    expect(callout).toBeDefined();
    expect([...callout!.dropped].sort()).toEqual([...dropped].sort());
    expect([...callout!.added].sort()).toEqual([...added].sort());
  });

  it('a hedge: "may" → "will" is a hedge and a modal', () => {
    const diff: DiffOp[] = [
      { op: 'equal', text: 'The talks' },
      { op: 'delete', text: 'may' },
      { op: 'insert', text: 'will' },
      { op: 'equal', text: 'resume next week.' },
    ];
    expect(meaningCallouts(diff).map((c) => c.kind)).toEqual(['hedge', 'modal']);
  });

  it('a dropped "not" is never verified, and leads the call-outs', () => {
    const f = judge(Q.truceInItself.text.replace('is not what', 'is what').replace(/\.$/, ''));
    expect(f.verdict).toBe('altered');
    expect(meaningCallouts(f.diff)[0]).toMatchObject({ kind: 'negation', dropped: ['not'] });
  });

  it('names opposites made with a prefix ("likely" → "unlikely") and inflected pairs ("rejected" → "accepted")', () => {
    const pair = (from: string, to: string): DiffOp[] => [
      { op: 'equal', text: 'It is' },
      { op: 'delete', text: from },
      { op: 'insert', text: to },
      { op: 'equal', text: 'that the plan works.' },
    ];
    expect(meaningCallouts(pair('possible', 'impossible')).map((c) => c.kind)).toContain('antonym');
    expect(meaningCallouts(pair('rejected', 'accepted')).map((c) => c.kind)).toContain('antonym');
  });
});

describe('decoys raise no meaning call-out', () => {
  const decoys: [string, DiffOp[]][] = [
    ['an article', [{ op: 'equal', text: 'We need' }, { op: 'delete', text: 'a' }, { op: 'insert', text: 'the' }, { op: 'equal', text: 'peace' }]],
    ['a contraction', [{ op: 'equal', text: 'We' }, { op: 'delete', text: 'do not' }, { op: 'insert', text: 'don’t' }, { op: 'equal', text: 'want it' }]],
    ['a British spelling', [{ op: 'equal', text: 'the' }, { op: 'delete', text: 'organization' }, { op: 'insert', text: 'organisation' }, { op: 'equal', text: 'said' }]],
    ['"defense" → "defence"', [{ op: 'equal', text: 'our' }, { op: 'delete', text: 'defense' }, { op: 'insert', text: 'defence' }, { op: 'equal', text: 'plans' }]],
    ['a word added at the end', [{ op: 'equal', text: 'too early to get ahead of ourselves' }, { op: 'insert', text: 'now' }]],
    ['a moved word', [{ op: 'equal', text: 'to get' }, { op: 'insert', text: 'ourselves' }, { op: 'equal', text: 'ahead of' }, { op: 'delete', text: 'ourselves' }]],
    ['look-alike letters', [{ op: 'equal', text: 'to get' }, { op: 'delete', text: 'ahead' }, { op: 'insert', text: 'ah\u0435ad' }, { op: 'equal', text: 'of us' }]],
    ['"that" → "which"', [{ op: 'equal', text: 'a truce' }, { op: 'delete', text: 'that' }, { op: 'insert', text: 'which' }, { op: 'equal', text: 'would allow' }]],
    ['a "not" moved within the quotation', [{ op: 'delete', text: 'not' }, { op: 'equal', text: 'all of us' }, { op: 'insert', text: 'not' }]],
    ['"will not" → "won’t"', [{ op: 'equal', text: 'we' }, { op: 'delete', text: 'will not' }, { op: 'insert', text: 'won’t' }, { op: 'equal', text: 'respond' }]],
    ['no change', [{ op: 'equal', text: 'All of this can be discussed.' }]],
  ];
  it.each(decoys)('%s', (_name, diff) => {
    expect(meaningCallouts(diff)).toEqual([]);
  });

  it('a swapped word order of one word is no swap ("ahead of ourselves" → "ourselves ahead of")', () => {
    const f = judge('All of this can be discussed during the negotiations, but it is too early to get ourselves ahead of');
    expect(f.verdict).toBe('altered');
    expect(meaningCallouts(f.diff)).toEqual([]);
  });
});
