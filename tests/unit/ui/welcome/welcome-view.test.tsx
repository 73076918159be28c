// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { WelcomeView } from '../../../../src/ui/welcome/welcome-view';

afterEach(cleanup);

describe('WelcomeView (first-run page)', () => {
  it('names the corpus and says how many quotations, whose and from when, that "not in the corpus" is not false, and how to check', () => {
    const onOpenSettings = vi.fn();
    const { container } = render(
      <WelcomeView
        name="Ledger Quote Check"
        shortcut="Ctrl+Shift+Y"
        onOpenSettings={onOpenSettings}
        corpus={{
          ok: true,
          name: 'Ledger corpus',
          version: '2026.11',
          quoteCount: 1234,
          scope: { speakerCount: 3, topSpeakers: ['Dmitry Peskov', 'Volodymyr Zelensky', 'Kaja Kallas'], from: '2024-12-13', to: '2025-12-16' },
        }}
      />,
    );
    const text = container.textContent!;
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Ledger Quote Check');
    expect(text).toContain('The corpus: Ledger corpus 2026.11');
    expect(container.querySelector('[data-corpus="quotes"]')!.textContent).toBe('1,234');
    expect(text).toContain('by 3 speakers (Dmitry Peskov, Volodymyr Zelensky, Kaja Kallas), said between Friday, 13 December 2024 and Tuesday, 16 December 2025.');
    expect(text).toContain('“Not in the corpus” does not mean false');
    expect(text).toContain('press Ctrl+Shift+Y');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  it('says so while the corpus is read, and when it was refused', () => {
    const { container, rerender } = render(<WelcomeView name="Quote Verifier" shortcut="Alt+Shift+V" corpus={undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Reading the corpus…');
    rerender(<WelcomeView name="Quote Verifier" shortcut="Alt+Shift+V" corpus={{ ok: false, error: 'corpus.json: bad hash', reason: 'integrity' }} />);
    expect(screen.getByRole('alert').textContent).toContain('corpus.json: bad hash');
    expect(container.querySelector('[data-corpus="quotes"]')).toBeNull();
  });
});
