// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PopupView, type PopupState } from '../../../../src/ui/popup/popup-view';
import { meaningCallouts } from '../../../../src/match/meaning';

afterEach(cleanup);

const ready: PopupState = {
  status: 'ready',
  data: {
    type: 'qv:tab-findings',
    tabId: 7,
    counts: { verified: 1, altered: 1, misattributed: 0, variant: 0, unverified: 1 },
    findings: [
      { verdict: 'verified', quoteId: 'q-1', text: 'We are ready for discussions', speaker: 'Dmitry Peskov', date: '2025-12-16', frameId: 0, index: 0 },
      { verdict: 'altered', quoteId: 'q-2', text: '<img src=x onerror=alert(1)> we will respond', speaker: 'Dmitry Peskov', date: '2025-12', frameId: 0, index: 1 },
      { verdict: 'unverified', text: 'Something nobody said', frameId: 3, index: 0 },
    ],
    corpus: { ok: true, name: 'Sample newsroom', quoteCount: 2, documentCount: 1 },
  },
};

describe('PopupView', () => {
  it('lists each finding with data-verdict, data-quote-id, the wording, speaker and date', () => {
    const { container } = render(<PopupView state={ready} />);
    const rows = [...container.querySelectorAll('[data-verdict]')];
    expect(rows.map((r) => [r.getAttribute('data-verdict'), r.getAttribute('data-quote-id')])).toEqual([
      ['verified', 'q-1'],
      ['altered', 'q-2'],
      ['unverified', ''],
    ]);
    expect(rows[0]!.textContent).toContain('We are ready for discussions');
    expect(rows[0]!.textContent).toContain('Dmitry Peskov');
    expect(rows[0]!.textContent).toContain('16 December 2025');
    expect(rows[1]!.textContent).toContain('December 2025');
    expect(rows[0]!.textContent).toContain('Verified');
  });

  it('renders page wording as text, never as markup', () => {
    const { container } = render(<PopupView state={ready} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[data-quote-id="q-2"]')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows the counts and the corpus information', () => {
    const { container } = render(<PopupView state={ready} />);
    expect(container.querySelector('[data-count-verdict="altered"]')!.textContent).toContain('1');
    expect(container.querySelector('[data-count-verdict="misattributed"]')!.textContent).toContain('0');
    expect(container.querySelector('[data-corpus="name"]')!.textContent).toBe('Sample newsroom');
    expect(container.querySelector('[data-corpus="quotes"]')!.textContent).toBe('2');
    expect(container.querySelector('[data-corpus="documents"]')!.textContent).toBe('1');
  });

  it('rows are buttons that hand the chosen finding to onOpen', () => {
    const onOpen = vi.fn();
    render(<PopupView state={ready} onOpen={onOpen} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(3);
    fireEvent.click(buttons[2]!);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ text: 'Something nobody said', frameId: 3, index: 0 }));
  });

  it('says when the corpus was refused, and shows errors', () => {
    const refused: PopupState = {
      status: 'ready',
      data: { ...(ready as Extract<PopupState, { status: 'ready' }>).data, corpus: { ok: false, error: 'corpus.json is not valid' } },
    };
    const { container, rerender } = render(<PopupView state={refused} />);
    expect(screen.getByRole('alert').textContent).toContain('corpus.json is not valid');
    expect(container.querySelector('[data-corpus="name"]')).toBeNull();
    rerender(<PopupView state={{ status: 'error', message: 'No tab to describe.' }} />);
    expect(screen.getByRole('alert').textContent).toBe('No tab to describe.');
  });
});

describe('PopupView rows say what was said and who is credited', () => {
  const alteredDiff = [
    { op: 'equal', text: 'We have only seen newspaper articles so far, and we will' },
    { op: 'delete', text: 'not' },
    { op: 'equal', text: 'respond to them.' },
  ] as const satisfies readonly { op: 'equal' | 'delete'; text: string }[];
  const rows: PopupState = {
    status: 'ready',
    data: {
      type: 'qv:tab-findings',
      tabId: 7,
      counts: { verified: 0, altered: 1, misattributed: 1, variant: 0, unverified: 0 },
      findings: [
        {
          verdict: 'altered',
          quoteId: 'q-2',
          text: 'We have only seen newspaper articles so far, and we will respond to them.',
          speaker: 'Dmitry Peskov',
          date: '2025-12-16',
          diff: [...alteredDiff],
          // As the background's answer names them (src/host/answers.ts, src/host/tab-findings.ts).
          callouts: meaningCallouts([...alteredDiff]),
          frameId: 0,
          index: 0,
        },
        {
          verdict: 'misattributed',
          quoteId: 'q-3',
          text: 'A truce in itself is not what we want.',
          speaker: 'Dmitry Peskov',
          date: '2024-12-13',
          attributedTo: 'Volodymyr Zelensky',
          frameId: 0,
          index: 1,
        },
      ],
      corpus: { ok: true, name: 'Sample newsroom', quoteCount: 2, documentCount: 1 },
    },
  };

  it('an altered row leads with what changed and cites the verified wording, not the page’s, under the speaker', () => {
    const { container } = render(<PopupView state={rows} />);
    const row = container.querySelector('[data-verdict="altered"]')!;
    expect(row.querySelector('.qv-popup__lead')!.textContent).toBe('The page drops “not”: the statement is reversed.');
    const said = row.querySelector('.qv-popup__said')!.cloneNode(true) as HTMLElement;
    expect(said.querySelector('.qv-truth .qv-sr')!.textContent).toBe('dropped or changed by the page: ');
    said.querySelectorAll('.qv-sr').forEach((n) => n.remove());
    expect(said.textContent).toContain('we will not respond to them.');
    expect(said.textContent).toContain('Dmitry Peskov, Tuesday, 16 December 2025');
    expect(said.querySelector('.qv-truth')!.textContent).toContain('not');
    // The page's wording is still there (automation contract), apart from the citation.
    expect(row.querySelector('.qv-popup__page')!.textContent).toContain('we will respond to them.');
    expect(row.querySelector('.qv-popup__page')!.textContent).not.toContain('Peskov');
  });

  it('a misattributed row says whom the page credits', () => {
    const { container } = render(<PopupView state={rows} />);
    const row = container.querySelector('[data-verdict="misattributed"]')!;
    expect(row.textContent).toContain('credited to Volodymyr Zelensky on this page');
    expect(row.textContent).toContain('Dmitry Peskov');
  });
});
