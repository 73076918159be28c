// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { QuoteCard, type QuoteCardProps } from '../../../src/ui/quote-card';
import type { Finding } from '../../../src/match/types';
import type { CorpusStatus } from '../../../src/platform/messages';
import { withCallouts } from '../../../src/host/answers';
import { PESKOV, TRUCE } from '../host/sample-corpus';

afterEach(cleanup);

const corpus: CorpusStatus = { ok: true, name: 'Sample newsroom', quoteCount: 2 };

const verified: Finding = {
  verdict: 'verified',
  quoteId: PESKOV.id,
  score: 1,
  start: 0,
  end: PESKOV.text.length,
  text: PESKOV.text,
  diff: [{ op: 'equal', text: PESKOV.text }],
  flags: [],
};

/** Altered findings carry the meaning call-outs the background computed (src/host/answers.ts). */
const altered: Finding = withCallouts({
  verdict: 'altered',
  quoteId: PESKOV.id,
  score: 0.86,
  start: 0,
  end: 70,
  text: 'We have only seen newspaper articles so far, and we will respond to them.',
  diff: [
    { op: 'equal', text: 'We have only seen newspaper articles so far, and we will' },
    { op: 'delete', text: 'not' },
    { op: 'equal', text: 'respond to them.' },
  ],
  flags: ['negation'],
});

function renderCard(props: Partial<QuoteCardProps> & Pick<QuoteCardProps, 'finding' | 'lookup'>) {
  const onClose = vi.fn();
  const onCopyCitation = vi.fn();
  const all = { corpus, onClose, onCopyCitation, quote: props.lookup ? undefined : PESKOV, ...props } as QuoteCardProps;
  const view = render(<QuoteCard {...all} />);
  return { ...view, onClose, onCopyCitation, dialog: screen.getByRole('dialog') };
}

describe('QuoteCard: what it shows', () => {
  it('gives the verdict as a word and an icon, not colour alone', () => {
    const { dialog } = renderCard({ finding: verified });
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.textContent).toContain('Verified');
    expect(heading.querySelector('svg.qv-icon')).not.toBeNull();
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(dialog.getAttribute('aria-labelledby')).toBe(heading.id);
    expect(dialog.dataset.verdict).toBe('verified');
  });

  it('names each verdict in words', () => {
    for (const [verdict, word] of [['altered', 'Altered'], ['misattributed', 'Misattributed'], ['unverified', 'Not in the corpus']] as const) {
      const { unmount } = renderCard({ finding: { ...altered, verdict } });
      expect(screen.getByRole('heading', { level: 2 }).textContent).toContain(word);
      unmount();
    }
  });

  it('shows the verified wording with the dropped words as the truth, and the page\'s version with its own words marked', () => {
    const diff: Finding['diff'] = [
      { op: 'equal', text: 'We will' },
      { op: 'delete', text: 'not' },
      { op: 'equal', text: 'respond, said' },
      { op: 'delete', text: 'Peskov' },
      { op: 'insert', text: 'Putin' },
    ];
    const { container } = renderCard({ finding: withCallouts({ ...altered, diff, flags: ['negation', 'name'] }) });
    const said = container.querySelector('blockquote.qv-said')!;
    const page = container.querySelector('blockquote.qv-page-version')!;
    // Nothing is struck through: the speaker's words are the truth, emphasised, never crossed out.
    expect(container.querySelectorAll('del, s, strike')).toHaveLength(0);
    expect([...said.querySelectorAll('.qv-truth')].map((d) => d.textContent)).toEqual([
      'dropped or changed by the page: not',
      'dropped or changed by the page: Peskov',
    ]);
    expect(said.querySelector('.qv-truth')!.tagName).toBe('STRONG');
    expect(said.querySelector('.qv-invented')).toBeNull();
    expect([...page.querySelectorAll('.qv-invented')].map((d) => d.textContent)).toEqual(['the page’s words, not said: Putin']);
    expect(page.querySelector('.qv-invented')!.tagName).toBe('EM');
    const visible = (el: Element) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.qv-sr').forEach((n) => n.remove());
      return copy.textContent;
    };
    // Words are spaced as a sentence, without a space before punctuation; the page's gap is shown.
    expect(visible(said)).toBe('We will not respond, said Peskov');
    expect(visible(page)).toBe('We will ‸ respond, said Putin');
    expect(page.querySelector('.qv-gap .qv-sr')?.textContent).toBe('words left out here');
  });

  it('leads with what changed in meaning, and gives no similarity percentage then', () => {
    renderCard({ finding: altered });
    const summary = document.querySelector('.qv-summary')!.textContent!;
    expect(summary).toBe('The page drops “not”: the statement is reversed.');
    expect(summary).not.toMatch(/%/);
    const diff: Finding['diff'] = [
      { op: 'equal', text: 'We are ready for discussions on the basis of those agreements, but Kyiv' },
      { op: 'delete', text: 'rules out' },
      { op: 'insert', text: 'welcomes' },
      { op: 'equal', text: 'this possibility' },
    ];
    cleanup();
    renderCard({ finding: withCallouts({ ...altered, diff, score: 0.96, flags: ['verb'] }) });
    expect(document.querySelector('.qv-summary')!.textContent).toBe('The page changes “rules out” to “welcomes”: a different action from the one described.');
  });

  it('gives the similarity only when no edit is known to change the meaning', () => {
    const diff: Finding['diff'] = [{ op: 'equal', text: 'We will not respond to them' }, { op: 'insert', text: 'now' }];
    renderCard({ finding: withCallouts({ ...altered, diff, score: 0.86, flags: [] }) });
    expect(document.querySelector('.qv-summary')!.textContent).toMatch(/differs slightly .*\(86% the same\)/);
  });

  it('calls out meaning-changing edits from the flags', () => {
    renderCard({ finding: { ...altered, flags: ['negation', 'number', 'modal', 'homoglyph', 'excerpt'] } });
    const box = screen.getByRole('heading', { name: 'Edits that change the meaning' }).closest('section')!;
    const flags = [...box.querySelectorAll('li')].map((li) => li.dataset.flag);
    expect(flags).toEqual(['negation', 'number', 'modal', 'homoglyph']);
    expect(box.textContent).toContain('Negation changed');
    // Excerpt is a note, not a change of meaning.
    expect(screen.getByRole('list', { name: 'Notes' }).textContent).toContain('Excerpt');
  });

  it('has its own direction and language, whatever the page’s; the quotation carries its own', () => {
    const { dialog } = renderCard({ finding: verified, lang: 'uk' });
    expect(dialog.getAttribute('dir')).toBe('ltr');
    expect(dialog.getAttribute('lang')).toBe('uk');
    expect(dialog.querySelector('blockquote')!.getAttribute('lang')).toBe('en');
  });

  it('puts the essentials first: verdict, verified wording, then speaker, date and source, then the page’s version', () => {
    const { container } = renderCard({ finding: altered });
    const order = [...container.querySelectorAll('.qv-summary, .qv-said, .qv-facts, .qv-page-version, .qv-flags-meaning')].map((e) => e.className);
    expect(order).toEqual(['qv-summary', 'qv-wording qv-said', 'qv-facts', 'qv-wording qv-page-version', 'qv-section qv-flags qv-flags-meaning']);
    expect(container.querySelector('[data-essential-end]')!.className).toBe('qv-facts');
  });

  it('names the corpus, who approved the quotation and when, and whose date it gives', () => {
    const approved = { ...PESKOV, review: { state: 'approved' as const, reviewer: 'Desk editor', at: '2026-11-23T12:15:00Z' } };
    const { container } = renderCard({ finding: verified, quote: approved });
    expect(container.querySelector('.qv-provenance')!.textContent).toBe('In Sample newsroom, approved by Desk editor on Monday, 23 November 2026.');
    expect(container.querySelector('.qv-date')!.textContent).toMatch(/\(date of the statement\)|publication date of the source/);
  });

  it('shows no meaning warning for a verified quotation', () => {
    renderCard({ finding: verified });
    expect(screen.queryByRole('heading', { name: 'Edits that change the meaning' })).toBeNull();
    expect(screen.getByText(PESKOV.text).tagName).toBe('BLOCKQUOTE');
  });

  it('shows speaker, role, the date with its weekday, and how long before the page', () => {
    const { container } = renderCard({ finding: verified, pagePublished: '2025-12-19T08:00:00Z' });
    expect(container.querySelector('.qv-speaker')!.textContent).toBe('Dmitry Peskov, Kremlin spokesman');
    const time = container.querySelector('.qv-date time')!;
    expect(time.textContent).toBe('Tuesday, 16 December 2025');
    expect(time.getAttribute('datetime')).toBe('2025-12-16');
    expect(container.querySelector('.qv-date')!.textContent).toContain('said 3 days before this page');
  });

  it('prints a partial date as it is and says when it is only the publication date', () => {
    const finding = { ...verified, quoteId: TRUCE.id, text: TRUCE.text };
    const { container } = renderCard({ finding, quote: TRUCE });
    const date = container.querySelector('.qv-date')!;
    expect(date.querySelector('time')!.textContent).toBe('December 2025');
    expect(date.textContent).toContain('publication date of the source');
    expect(date.textContent).not.toContain('before this page');
  });

  it('links the source title to the fragment URL in a new, unlinked context', () => {
    const { container } = renderCard({ finding: verified });
    const link = container.querySelector('.qv-source a') as HTMLAnchorElement;
    expect(link.textContent).toBe('Kremlin Rejects Ceasefire Proposals');
    expect(link.getAttribute('href')).toBe(PESKOV.sources[0]!.fragmentUrl);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('.qv-source')!.textContent).toContain('Example News');
  });

  it('never links a non-http URL', () => {
    const quote = { ...PESKOV, sources: [{ ...PESKOV.sources[0]!, fragmentUrl: 'javascript:alert(1)', url: 'javascript:alert(2)' }] };
    const { container } = renderCard({ finding: verified, quote });
    expect(container.querySelector('.qv-source a')).toBeNull();
    expect(container.querySelector('.qv-source cite')!.textContent).toBe('Kremlin Rejects Ceasefire Proposals');
  });

  it('shows the context paragraph and the other sources', () => {
    const { container } = renderCard({ finding: verified });
    expect(container.querySelector('.qv-context p')!.textContent).toBe(PESKOV.context);
    const others = [...container.querySelectorAll('.qv-others li')].map((li) => li.textContent);
    expect(others).toEqual(['Peace talks stall, Other Wire']);
    expect((container.querySelector('.qv-others a') as HTMLAnchorElement).getAttribute('href')).toBe('https://wire.example/talks');
  });

  it('tells who the page wrongly credits for a misattribution', () => {
    renderCard({ finding: { ...verified, verdict: 'misattributed', attributedTo: 'Sergei Lavrov' } });
    expect(screen.getByRole('dialog').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/attributes this to Sergei Lavrov, but it was said by Dmitry Peskov/)).toBeTruthy();
  });

  it('copies a citation with quote, speaker, role, weekday date, source and URL', async () => {
    const { onCopyCitation } = renderCard({ finding: verified });
    fireEvent.click(screen.getByRole('button', { name: 'Copy citation' }));
    expect(onCopyCitation).toHaveBeenCalledWith(
      `“${PESKOV.text}” — Dmitry Peskov, Kremlin spokesman, Tuesday, 16 December 2025. Kremlin Rejects Ceasefire Proposals, Example News. https://news.example/kremlin`,
    );
    expect((await screen.findByRole('status')).textContent).toBe('Citation copied.');
  });

  it('says so when copying fails', async () => {
    render(<QuoteCard finding={verified} quote={PESKOV} corpus={corpus} onClose={() => {}} onCopyCitation={() => Promise.reject(new Error('denied'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy citation' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Could not copy the citation.'));
  });

  it('renders hostile page text as text, creating no element', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const finding: Finding = { verdict: 'unverified', score: 0, start: 0, end: hostile.length, text: hostile, diff: [], flags: [] };
    const { container } = renderCard({ finding, quote: undefined });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('blockquote')!.textContent).toBe(hostile);
    // Hostile text inside the diff, attribution and a selection too.
    cleanup();
    const { container: c2 } = renderCard({
      finding: { ...altered, verdict: 'misattributed', attributedTo: hostile, diff: [{ op: 'insert', text: hostile }] },
    });
    expect(c2.querySelector('img')).toBeNull();
    expect(c2.textContent).toContain(hostile);
    cleanup();
    const { container: c3 } = renderCard({ lookup: { selection: hostile, nearest: [], quotes: {} } });
    expect(c3.querySelector('img')).toBeNull();
    expect(c3.querySelector('.qv-selection')!.textContent).toBe(hostile);
  });
});

describe('QuoteCard: lookup mode', () => {
  it('shows the best match like a finding', () => {
    renderCard({ lookup: { selection: TRUCE.text, best: { ...verified, quoteId: TRUCE.id }, nearest: [], quotes: { [TRUCE.id]: TRUCE } } });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Verified');
    expect(screen.getByText(TRUCE.text)).toBeTruthy();
  });

  it('says the selection is not in the corpus and lists the nearest candidates', () => {
    const { container } = renderCard({
      lookup: {
        selection: 'We have seen only newspapers and will not answer.',
        nearest: [{ quoteId: PESKOV.id, score: 0.62 }, { quoteId: 'q_000000000000', score: 0.5 }],
        quotes: { [PESKOV.id]: PESKOV },
      },
    });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Not in the corpus');
    expect(screen.getByText(/not in Sample newsroom/)).toBeTruthy();
    const items = container.querySelectorAll('.qv-candidates li');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toContain(PESKOV.text);
    expect(items[0]!.textContent).toContain('62% similar');
    expect(items[0]!.textContent).toContain('Tuesday, 16 December 2025');
  });
});

describe('QuoteCard: refused corpus', () => {
  it('says nothing can be checked and shows no verdict', () => {
    renderCard({ finding: verified, corpus: { ok: false, error: 'corpus.json is not a valid corpus: version: expected 1' } });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Cannot check');
    expect(screen.getByRole('heading', { level: 2 }).textContent).not.toContain('Verified');
    expect(screen.getByText(/version: expected 1/)).toBeTruthy();
  });
});

describe('QuoteCard: behaviour', () => {
  it('closes on Escape', () => {
    const { onClose, dialog } = renderCard({ finding: verified });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes from its Close button', () => {
    const { onClose } = renderCard({ finding: verified });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('takes focus when it opens and gives it back when it closes', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'page button';
    document.body.append(opener);
    opener.focus();
    expect(document.activeElement).toBe(opener);

    function Harness() {
      const [open, setOpen] = useState(true);
      return open ? <QuoteCard finding={verified} quote={PESKOV} corpus={corpus} onClose={() => setOpen(false)} onCopyCitation={() => {}} /> : null;
    }
    render(<Harness />);
    const dialog = screen.getByRole('dialog');
    expect(document.activeElement).toBe(dialog);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('moves focus back to the card when it shows another quotation', () => {
    const props = { quote: PESKOV, corpus, onClose: () => {}, onCopyCitation: () => {} };
    const { rerender } = render(<QuoteCard finding={verified} {...props} />);
    const dialog = screen.getByRole('dialog');
    screen.getByRole('button', { name: 'Copy citation' }).focus();
    rerender(<QuoteCard finding={verified} {...props} />);
    expect(document.activeElement).not.toBe(dialog);
    rerender(<QuoteCard finding={{ ...altered }} {...props} />);
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(document.activeElement).toBe(dialog);
  });

  it('keeps Tab inside the card, wrapping at both ends', () => {
    const { dialog } = renderCard({ finding: verified });
    const close = screen.getByRole('button', { name: 'Close' });
    const copy = screen.getByRole('button', { name: 'Copy citation' });
    copy.focus();
    fireEvent.keyDown(copy, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(copy);
    dialog.focus();
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(copy);
  });

  it('floats inside the viewport next to its anchor', () => {
    const { dialog } = renderCard({ finding: verified, anchor: { top: 100, left: 5000, width: 50, height: 20 }, viewport: { width: 1024, height: 768 } });
    expect(dialog.classList.contains('qv-floating')).toBe(true);
    const left = parseFloat(dialog.style.left);
    expect(left).toBeGreaterThanOrEqual(8);
    expect(left).toBeLessThanOrEqual(1024);
    expect(dialog.style.top).toBe('128px');
  });
});

describe('QuoteCard: who checked, and the shortcut without a selection', () => {
  it('names the build that checked, the approver and date, and the date’s basis', () => {
    const approved = { ...PESKOV, dateBasis: 'published' as const, review: { state: 'approved' as const, reviewer: 'Desk editor', at: '2026-11-23T12:15:00Z' } };
    const { container } = render(
      <QuoteCard finding={verified} quote={approved} corpus={corpus} onClose={() => {}} onCopyCitation={() => {}} buildName="Ledger Quote Check" />,
    );
    const text = container.textContent!;
    expect(text).toContain('Checked by Ledger Quote Check.');
    expect(text).toContain('In Sample newsroom, approved by Desk editor on Monday, 23 November 2026.');
    expect(container.querySelector('.qv-date')!.textContent).toContain('publication date of the source');
  });

  it('with nothing selected, says how to use the shortcut it was opened with, and judges nothing', () => {
    const { container } = render(<QuoteCard hint={{ shortcut: 'Ctrl+Shift+Y' }} corpus={corpus} onClose={() => {}} onCopyCitation={() => {}} buildName="Quote Verifier" />);
    expect(container.querySelector('.qv-verdict-word')!.textContent).toBe('How to verify a quotation');
    expect(container.querySelector('[role="dialog"]')!.getAttribute('data-verdict')).toBe('hint');
    expect(container.textContent).toContain('press Ctrl+Shift+Y again or right-click and choose “Verify quotation”');
    expect(container.textContent).not.toContain('Checked by');
  });
});
