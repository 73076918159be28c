// @vitest-environment happy-dom
/**
 * The card for other wordings (issue 17): a finding verified against the original names
 * its language and source and shows the record's main wording beside it; a `variant`
 * says "Another wording of a verified statement" with the verified wording and its
 * source beside the page's. The popup lists a variant row.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { QuoteCard, type QuoteCardProps } from '../../../src/ui/quote-card';
import { PopupView, type PopupState } from '../../../src/ui/popup/popup-view';
import type { Finding } from '../../../src/match/types';
import type { Quote } from '../../../src/corpus/schema';
import { Q } from '../match/peskov-corpus';
import { EN_WIRE, RU_ORIGINAL, RU_ORIGINAL_SOURCE } from '../match/wordings-corpus';

afterEach(cleanup);

const quote: Quote = { ...Q.notATruce, original: { lang: 'ru', text: RU_ORIGINAL, source: RU_ORIGINAL_SOURCE } };
const card = (finding: Finding) =>
  render(<QuoteCard {...({ corpus: { ok: true, name: 'Seeds', quoteCount: 8 }, onClose: vi.fn(), onCopyCitation: vi.fn(), quote, finding } as unknown as QuoteCardProps)} />);

it('verified against the original: names its language and source, with the main wording beside it', () => {
  card({ verdict: 'verified', quoteId: quote.id, score: 1, start: 0, end: RU_ORIGINAL.length, text: RU_ORIGINAL, diff: [{ op: 'equal', text: RU_ORIGINAL }], flags: [], wording: { kind: 'original', lang: 'ru' } });
  const text = screen.getByRole('dialog').textContent!;
  expect(text).toContain('Verified against the original Russian');
  expect(text).toContain(RU_ORIGINAL_SOURCE.title);
  expect(text).toContain("The record's main wording");
  expect(text).toContain(quote.text);
  // What was said is the Russian wording, marked as Russian.
  expect(screen.getByText(RU_ORIGINAL).getAttribute('lang')).toBe('ru');
});

it('variant: "Another wording", the verified wording and its source beside the page’s', () => {
  card({ verdict: 'variant', quoteId: quote.id, score: 0.667, start: 0, end: EN_WIRE.length, text: EN_WIRE, diff: [], flags: [] });
  expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Another wording');
  const text = screen.getByRole('dialog').textContent!;
  expect(text).toContain('Another wording of a verified statement by Dmitry Peskov');
  expect(text).toContain(quote.text);
  expect(text).toContain("This page's wording");
  expect(text).toContain(EN_WIRE);
  expect(text).toContain(quote.sources[0]!.title);
});

it('the popup lists a variant row with its quotation and counts it on its own', () => {
  const state: PopupState = {
    status: 'ready',
    data: {
      type: 'qv:tab-findings',
      tabId: 7,
      counts: { verified: 0, altered: 0, misattributed: 0, variant: 1, unverified: 0 },
      findings: [{ verdict: 'variant', quoteId: quote.id, text: EN_WIRE, speaker: 'Dmitry Peskov', frameId: 0, index: 0 }],
      corpus: { ok: true, name: 'Seeds', quoteCount: 8, documentCount: 2 },
    },
  };
  const { container } = render(<PopupView state={state} />);
  const row = container.querySelector('[data-verdict="variant"]')!;
  expect(row.getAttribute('data-quote-id')).toBe(quote.id);
  expect(row.textContent).toContain('Another wording');
  expect(container.querySelector('[data-count-verdict="variant"] strong')!.textContent).toBe('1');
});
