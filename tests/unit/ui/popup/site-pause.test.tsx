// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { SettingsButton, SitePause, type SitePauseState } from '../../../../src/ui/popup/site-pause';

afterEach(cleanup);

const ready = (patch: Partial<Extract<SitePauseState, { status: 'ready' }>> = {}): SitePauseState => ({
  status: 'ready',
  host: 'news.example.org',
  paused: false,
  autoScan: true,
  ...patch,
});

describe('SitePause', () => {
  it('is a labelled switch for the tab’s site that reports the new state', () => {
    const onToggle = vi.fn<(paused: boolean) => void>();
    render(<SitePause state={ready()} onToggle={onToggle} />);
    const toggle = screen.getByRole('switch', { name: /Pause on this site/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.labels?.[0]?.textContent).toContain('news.example.org');
    fireEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledWith(true);
  });

  it('says so when paused, and why a site is not checked anyway', () => {
    render(<SitePause state={ready({ paused: true })} onToggle={() => {}} />);
    expect(screen.getByText(/^Paused:/)).toBeTruthy();
    cleanup();
    render(<SitePause state={ready({ blocked: { reason: 'never', pattern: '*.example.org' } })} onToggle={() => {}} />);
    expect(screen.getByText(/“\*\.example\.org” is on your never-check list/)).toBeTruthy();
    cleanup();
    render(<SitePause state={ready({ blocked: { reason: 'only' } })} onToggle={() => {}} />);
    expect(screen.getByText(/not on your check-only list/)).toBeTruthy();
    cleanup();
    render(<SitePause state={ready({ autoScan: false })} onToggle={() => {}} />);
    expect(screen.getByText(/Automatic checking is off/)).toBeTruthy();
  });

  it('offers no switch where the extension does not run, and nothing while loading', () => {
    const { container } = render(<SitePause state={{ status: 'unavailable' }} onToggle={() => {}} />);
    expect(screen.queryByRole('switch')).toBeNull();
    expect(container.textContent).toContain('does not run on this page');
    cleanup();
    const loading = render(<SitePause state={{ status: 'loading' }} onToggle={() => {}} />);
    expect(loading.container.textContent).toBe('');
  });
});

describe('SettingsButton', () => {
  it('is a button that opens the options page', () => {
    const onOpen = vi.fn();
    render(<SettingsButton onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpen).toHaveBeenCalledOnce();
  });

  it('links to the newsroom’s contact address, and only to a mailto: or https: one', () => {
    render(<SettingsButton onOpen={() => {}} contact="mailto:corrections@daily.example.net" />);
    const link = screen.getByRole('link', { name: 'Report a problem' });
    expect(link.getAttribute('href')).toBe('mailto:corrections@daily.example.net');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    cleanup();
    render(<SettingsButton onOpen={() => {}} contact="javascript:alert(1)" />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
