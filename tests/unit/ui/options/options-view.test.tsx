// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { OptionsView, type SaveState } from '../../../../src/ui/options/options-view';
import { defaultSettings, type Settings } from '../../../../src/settings/settings';

afterEach(cleanup);

const base = defaultSettings();

function setup(settings: Settings | undefined = base, save: SaveState = { status: 'idle' }) {
  const onChange = vi.fn<(next: Settings) => void>();
  const view = render(<OptionsView settings={settings} save={save} onChange={onChange} />);
  return { onChange, ...view };
}

describe('OptionsView', () => {
  it('shows each setting as a labelled control holding its current value', () => {
    setup({ ...base, autoScan: false, showUnverified: true, highlightStyle: 'underline', neverScan: ['a.org', '*.b.org'], onlyScan: ['c.org'] });
    expect((screen.getByLabelText('Check quotations on every page automatically') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Also mark quotations that are not in the corpus') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/^Line only/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/^Line and light tint/) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Never check pages on these sites') as HTMLTextAreaElement).value).toBe('a.org\n*.b.org');
    expect((screen.getByLabelText('Check pages only on these sites') as HTMLTextAreaElement).value).toBe('c.org');
  });

  it('hands up a complete new Settings for each change', () => {
    const { onChange } = setup();
    fireEvent.click(screen.getByLabelText('Check quotations on every page automatically'));
    expect(onChange).toHaveBeenLastCalledWith({ ...base, autoScan: false });
    fireEvent.click(screen.getByLabelText(/^Line and strong tint/));
    expect(onChange).toHaveBeenLastCalledWith({ ...base, highlightStyle: 'background' });
  });

  it('saves a valid site list normalised, and holds back a list with a bad line, naming the line', () => {
    const { onChange } = setup();
    const never = screen.getByLabelText('Never check pages on these sites') as HTMLTextAreaElement;
    fireEvent.input(never, { target: { value: 'https://News.Example.org/path\n*.ads.net' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, neverScan: ['news.example.org', '*.ads.net'] });
    onChange.mockClear();
    fireEvent.input(never, { target: { value: 'ok.org\nno good' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(never.getAttribute('aria-invalid')).toBe('true');
    const errors = document.getElementById('qv-never-scan-errors');
    expect(errors?.textContent).toContain('Line 2, “no good”');
    expect(never.getAttribute('aria-describedby')).toContain('qv-never-scan-errors');
    expect(screen.getByRole('status').textContent).toBe('Not saved: fix the marked line in “Never check pages on these sites”.');
    fireEvent.input(never, { target: { value: 'ok.org' } });
    expect(screen.getByRole('status').textContent).not.toMatch(/Not saved/);
    expect(onChange).toHaveBeenLastCalledWith({ ...base, neverScan: ['ok.org'] });
  });

  it('lists paused sites, each with a Resume button that removes only that site', () => {
    const { onChange } = setup({ ...base, pausedSites: ['a.org', 'b.org'] });
    fireEvent.click(screen.getByRole('button', { name: 'Resume on a.org' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...base, pausedSites: ['b.org'] });
  });

  it('says in a live region whether the change was stored', () => {
    setup(base, { status: 'saved' });
    expect(screen.getByRole('status').textContent).toMatch(/^Saved/);
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');
    cleanup();
    setup(base, { status: 'error', message: 'quota exceeded' });
    expect(screen.getByRole('status').textContent).toBe('Not saved: quota exceeded');
  });

  it('shows a loading line until settings arrive', () => {
    render(<OptionsView settings={undefined} save={{ status: 'idle' }} onChange={() => {}} />);
    expect(screen.getByText('Loading settings…')).toBeTruthy();
    expect(screen.queryByLabelText('Check quotations on every page automatically')).toBeNull();
  });
});
