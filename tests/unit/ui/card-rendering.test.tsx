// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { QuoteCard, type QuoteCardProps } from '../../../src/ui/quote-card';
import type { Finding } from '../../../src/match/types';
import { PopupView, type PopupState } from '../../../src/ui/popup/popup-view';
import { reportedFinding } from '../../../src/host/tab-findings';
import { PESKOV } from '../host/sample-corpus';

afterEach(cleanup);

it('says why a finding over text the page draws in a way that cannot be checked is not verified', () => {
  const finding: Finding = {
    verdict: 'unverified',
    quoteId: PESKOV.id,
    score: 1,
    start: 0,
    end: PESKOV.text.length,
    text: PESKOV.text,
    diff: [{ op: 'equal', text: PESKOV.text }],
    flags: ['rendering'],
  };
  const props = { corpus: { ok: true, name: 'Sample newsroom', quoteCount: 2 }, onClose: vi.fn(), onCopyCitation: vi.fn(), quote: PESKOV, finding } as unknown as QuoteCardProps;
  render(<QuoteCard {...props} />);
  const dialog = screen.getByRole('dialog');
  expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Not verified');
  expect(dialog.textContent).not.toContain('not in the corpus');
  expect(dialog.textContent).toContain('cannot read exactly');
  expect(dialog.textContent).toContain('Drawn in a way we cannot check');
});

it('the popup row of such a finding says "Not verified" and why, not "not in the corpus"', () => {
  const state: PopupState = {
    status: 'ready',
    data: {
      type: 'qv:tab-findings',
      tabId: 7,
      counts: { verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 1 },
      findings: [{ verdict: 'unverified', quoteId: PESKOV.id, text: PESKOV.text, speaker: 'Dmitry Peskov', rendering: true, frameId: 0, index: 0 }],
      corpus: { ok: true, name: 'Sample newsroom', quoteCount: 2, documentCount: 1 },
    },
  };
  const { container } = render(<PopupView state={state} />);
  const row = container.querySelector('[data-verdict="unverified"]')!;
  expect(row.getAttribute('data-quote-id')).toBe(PESKOV.id);
  expect(row.textContent).toContain('Not verified');
  expect(row.textContent).toContain('could not be checked');
  expect(row.textContent).not.toContain('Not in the corpus');
});

it('the background marks the reported row when the finding carries the rendering flag', () => {
  const base: Finding = { verdict: 'unverified', quoteId: PESKOV.id, score: 1, start: 0, end: 5, text: 'words', diff: [], flags: [] };
  expect(reportedFinding({ ...base, flags: ['rendering'] }, PESKOV).rendering).toBe(true);
  expect(reportedFinding(base, PESKOV).rendering).toBeUndefined();
});
