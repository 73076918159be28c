// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { CorpusInfo, formatBuildDate } from '../../../../src/ui/popup/corpus-info';
import { CorpusSearch, SEARCH_DEBOUNCE_MS } from '../../../../src/ui/popup/corpus-search';
import { PopupView } from '../../../../src/ui/popup/popup-view';
import type { CorpusStatus, SearchHit, SearchResponse } from '../../../../src/platform/messages';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SHA = 'e43d9f87e9e4'.padEnd(64, '0');
const OK: CorpusStatus = {
  ok: true,
  name: 'Northbridge Daily quotes',
  quoteCount: 100000,
  documentCount: 2412,
  version: '2026.11',
  builtAt: '2026-11-23T10:04:31.000Z',
  sha256: SHA,
};

const HIT: SearchHit = {
  quoteId: 'q_0123456789ab',
  text: 'We have only seen newspaper articles so far',
  speaker: 'Dmitry Peskov',
  speakerRole: 'Kremlin spokesman',
  date: '2025-12-16',
  datePrecision: 'month',
  source: { title: 'Kremlin Rejects Ceasefire Proposals', url: 'https://news.example/kremlin#:~:text=We', publisher: 'Example News' },
  matched: 'wording',
  score: 0.98,
};

const answer = (query: string, hits: SearchHit[], corpus: CorpusStatus = OK): SearchResponse => ({ type: 'qv:search', query, hits, corpus });

describe('CorpusInfo', () => {
  it('shows name, version, counts, build date and the short hash with the full one in its title', () => {
    const { container } = render(<CorpusInfo corpus={OK} />);
    const field = (k: string) => container.querySelector(`[data-corpus="${k}"]`)?.textContent;
    expect(field('name')).toBe('Northbridge Daily quotes');
    expect(field('version')).toBe('2026.11');
    expect(field('quotes')).toBe('100000');
    expect(field('documents')).toBe('2412');
    expect(field('built')).toBe('Monday, 23 November 2026, 10:04 UTC');
    const code = container.querySelector('[data-corpus="sha256"] code')!;
    expect(code.textContent).toBe('e43d9f87e9e4…');
    expect(code.getAttribute('title')).toBe(SHA);
  });

  it('leaves out what the status does not have', () => {
    const { container } = render(<CorpusInfo corpus={{ ok: true, name: 'Seeds', quoteCount: 8 }} />);
    for (const k of ['version', 'documents', 'built', 'sha256']) expect(container.querySelector(`[data-corpus="${k}"]`), k).toBeNull();
  });

  it('the copy button copies the full hash and says so', async () => {
    const copy = vi.fn(async () => true);
    render(<CorpusInfo corpus={OK} copy={copy} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy full hash' }));
    });
    expect(copy).toHaveBeenCalledWith(SHA);
    expect(screen.getByRole('button', { name: 'Copy full hash' }).textContent).toBe('Copied');
  });

  it('a corpus that failed its integrity check is an alert that says nothing is verified', () => {
    render(<CorpusInfo corpus={{ ok: false, reason: 'integrity', error: 'corpus.json failed its integrity check: changed' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Corpus failed its integrity check — nothing is marked verified');
    expect(alert.textContent).toContain('corpus.json failed its integrity check: changed');
    expect(alert.getAttribute('data-corpus-error')).toBe('integrity');
  });

  it('other refusals say why too', () => {
    render(<CorpusInfo corpus={{ ok: false, error: 'corpus.json is missing' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/refused — nothing is marked verified.*corpus\.json is missing/);
  });

  it('formatBuildDate keeps a date-only value a date and returns junk unchanged', () => {
    expect(formatBuildDate('2026-11-23')).toBe('Monday, 23 November 2026');
    expect(formatBuildDate('yesterday')).toBe('yesterday');
  });

  it('in the popup, a refused corpus comes before the findings', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          data: {
            type: 'qv:tab-findings',
            tabId: 1,
            counts: { verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 0 },
            findings: [],
            corpus: { ok: false, reason: 'integrity', error: 'changed' },
          },
        }}
      />,
    );
    const headings = [...container.querySelectorAll('h2, [role="alert"]')].map((e) => e.getAttribute('role') ?? e.textContent);
    expect(headings[0]).toBe('Corpus');
    expect(headings[1]).toBe('alert');
  });
});

describe('CorpusSearch', () => {
  const type = (value: string) => fireEvent.input(screen.getByLabelText('Words of a quotation, or a speaker’s name'), { target: { value } });

  it('waits for a pause in typing, then asks once for the whole query', async () => {
    vi.useFakeTimers();
    const search = vi.fn(async (q: string) => answer(q, [HIT]));
    render(<CorpusSearch search={search} />);
    type('ne');
    type('newsp');
    type('newspaper articles');
    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    });
    expect(search).not.toHaveBeenCalled();
    await act(async () => {
      vi.advanceTimersByTime(1);
    });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('newspaper articles');
  });

  it('lists hits with wording, speaker, a date no more precise than the corpus, and the source linked in a new tab', async () => {
    const search = vi.fn(async (q: string) => answer(q, [HIT]));
    const { container } = render(<CorpusSearch search={search} debounceMs={0} />);
    type('newspaper');
    await screen.findByText('1 corpus quotation found.');
    const row = container.querySelector('[data-search-quote-id="q_0123456789ab"]')!;
    expect(row.textContent).toContain(HIT.text);
    expect(row.textContent).toContain('Dmitry Peskov (Kremlin spokesman), December 2025');
    expect(row.textContent).not.toContain('16');
    const link = row.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(HIT.source.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.textContent).toBe(HIT.source.title);
  });

  it('never links a source address that is not http(s) (javascript:, data:)', async () => {
    const hits = [
      { ...HIT, quoteId: 'q_aaaaaaaaaaaa', source: { title: 'Script', url: 'javascript:alert(1)' } },
      { ...HIT, quoteId: 'q_bbbbbbbbbbbb', source: { title: 'Data', url: 'data:text/html,<b>x</b>' } },
    ];
    const search = vi.fn(async (q: string) => answer(q, hits));
    const { container } = render(<CorpusSearch search={search} debounceMs={0} />);
    type('newspaper');
    await screen.findByText('2 corpus quotations found.');
    expect(container.querySelectorAll('.qv-popup__hit a')).toHaveLength(0);
    expect(container.textContent).toContain('Script');
    expect(container.textContent).toContain('Data');
  });

  it('a year-precision date prints the year only; a source without an address is plain text', async () => {
    const hit: SearchHit = { ...HIT, date: '1975', datePrecision: 'year', source: { title: 'Archive' }, matched: 'speaker' };
    const { container } = render(<CorpusSearch search={async (q) => answer(q, [hit])} debounceMs={0} />);
    type('Peskov');
    await screen.findByText('1 corpus quotation found.');
    expect(container.querySelector('[data-search-quote-id]')!.textContent).toContain(', 1975');
    expect(container.querySelector('a')).toBeNull();
  });

  it('says when nothing matches, shows a failure, and ignores an answer to an older query', async () => {
    let release: (r: SearchResponse) => void = () => {};
    const search = vi.fn((q: string) =>
      q === 'slow query' ? new Promise<SearchResponse>((r) => (release = r)) : q === 'broken' ? Promise.reject(new Error('background gone')) : Promise.resolve(answer(q, [])),
    );
    const { container } = render(<CorpusSearch search={search} debounceMs={0} />);
    type('slow query');
    await vi.waitFor(() => expect(search).toHaveBeenCalledWith('slow query'));
    type('nothing here');
    await screen.findByText('No corpus quotation matches “nothing here”.');
    await act(async () => release(answer('slow query', [HIT])));
    expect(container.querySelector('[data-search-quote-id]')).toBeNull();
    type('broken');
    await screen.findByText('background gone');
  });

  it('a query under two characters asks nothing and clears the results', async () => {
    const search = vi.fn(async (q: string) => answer(q, [HIT]));
    const { container } = render(<CorpusSearch search={search} debounceMs={0} />);
    type('newspaper');
    await screen.findByText('1 corpus quotation found.');
    type('n');
    await vi.waitFor(() => expect(container.querySelector('[data-search-quote-id]')).toBeNull());
    expect(search).toHaveBeenCalledTimes(1);
  });
});

describe('PopupView side panel button', () => {
  it('offers “Open in side panel” only when given a way to open it, and calls it on click', () => {
    const loading = { status: 'loading' } as const;
    const { rerender } = render(<PopupView state={loading} />);
    expect(screen.queryByRole('button', { name: 'Open in side panel' })).toBeNull();
    const onOpenPanel = vi.fn();
    rerender(<PopupView state={loading} onOpenPanel={onOpenPanel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open in side panel' }));
    expect(onOpenPanel).toHaveBeenCalledTimes(1);
  });
});

describe('finding rows keep the corpus date precision', () => {
  it('a day-dated string with month precision prints the month only', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          data: {
            type: 'qv:tab-findings',
            tabId: 1,
            counts: { verified: 1, altered: 0, misattributed: 0, variant: 0, unverified: 0 },
            findings: [{ verdict: 'verified', quoteId: 'q-1', text: 'words', speaker: 'A', date: '2025-03-14', datePrecision: 'month' }],
            corpus: OK,
          },
        }}
      />,
    );
    const row = container.querySelector('[data-quote-id="q-1"]')!;
    expect(row.textContent).toContain('A, March 2025');
    expect(row.textContent).not.toContain('14');
  });
});

describe('CorpusScopeLine', () => {
  it('says what the corpus covers and that "not in the corpus" is not "false"', async () => {
    const { CorpusScopeLine } = await import('../../../../src/ui/popup/corpus-info');
    const { render: draw } = await import('@testing-library/preact');
    const { container } = draw(
      <CorpusScopeLine
        corpus={{ ok: true, name: 'Seeds', quoteCount: 8, scope: { speakerCount: 1, topSpeakers: ['Dmitry Peskov'], from: '2024-12-13', to: '2025-12-16' } }}
      />,
    );
    expect(container.textContent).toContain('8 verified quotations by Dmitry Peskov, said between Friday, 13 December 2024 and Tuesday, 16 December 2025.');
    expect(container.textContent).toContain('is not false');
  });
});
