import { describe, expect, it } from 'vitest';
import {
  coerceSettings,
  defaultSettings,
  HIGHLIGHT_STYLES,
  migrateSettings,
  scanDecision,
  setPaused,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  shouldScan,
  type Settings,
} from '../../../src/settings/settings';

const base = defaultSettings();
const withLists = (patch: Partial<Settings>): Settings => ({ ...base, ...patch });

describe('defaultSettings', () => {
  it('scans everywhere, marks verdicts with the tinted style and leaves unverified quotations unmarked', () => {
    expect(base).toEqual({
      autoScan: true,
      showUnverified: false,
      highlightStyle: 'tinted',
      neverScan: [],
      onlyScan: [],
      pausedSites: [],
    });
  });

  it('takes the newsroom’s site lists, cleaned', () => {
    const s = defaultSettings({ only: ['News.Example.org', 'bad site'], never: ['*.ads.net'] });
    expect(s.onlyScan).toEqual(['news.example.org']);
    expect(s.neverScan).toEqual(['*.ads.net']);
  });
});

describe('coerceSettings', () => {
  it('keeps a valid value as it is', () => {
    const stored: Settings = { autoScan: false, showUnverified: true, highlightStyle: 'background', neverScan: ['a.org'], onlyScan: ['*.b.org'], pausedSites: ['c.org'] };
    expect(coerceSettings(stored, base)).toEqual(stored);
  });

  it('repairs field by field: wrong kinds take the default, lists keep their valid entries', () => {
    const defaults = { ...base, neverScan: ['default.org'] };
    expect(
      coerceSettings({ autoScan: 'yes', showUnverified: true, highlightStyle: 'glitter', neverScan: 'a.org', onlyScan: ['ok.org', 'not ok'], pausedSites: ['*.x.org', 'p.org', 'p.org', 4], extra: 1 }, defaults),
    ).toEqual({ autoScan: true, showUnverified: true, highlightStyle: 'tinted', neverScan: ['default.org'], onlyScan: ['ok.org'], pausedSites: ['p.org'] });
  });

  it('turns anything that is not an object into the defaults', () => {
    for (const junk of [null, undefined, 3, 'settings', []]) expect(coerceSettings(junk, base)).toEqual(base);
  });

  it('accepts every highlight style it offers', () => {
    for (const style of HIGHLIGHT_STYLES) expect(coerceSettings({ highlightStyle: style }, base).highlightStyle).toBe(style);
  });
});

describe('migrations', () => {
  it('the shipped table has a migration for every version after 1, and none beyond the current one', () => {
    for (let v = 2; v <= SETTINGS_VERSION; v++) expect(SETTINGS_MIGRATIONS[v], `migration to v${v}`).toBeTypeOf('function');
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number).filter((v) => v < 2 || v > SETTINGS_VERSION)).toEqual([]);
  });

  it('runs each migration in order from the stored version up', () => {
    const table = {
      2: (v: unknown) => ({ ...(v as object), steps: ['2'] }),
      3: (v: unknown) => ({ ...(v as { steps: string[] }), steps: [...(v as { steps: string[] }).steps, '3'] }),
    };
    expect(migrateSettings({ a: 1 }, 1, 3, table)).toEqual({ a: 1, steps: ['2', '3'] });
    expect(migrateSettings({ a: 1, steps: ['2'] }, 2, 3, table)).toEqual({ a: 1, steps: ['2', '3'] });
    expect(migrateSettings({ a: 1 }, 3, 3, table)).toEqual({ a: 1 });
  });

  it('refuses a stored version newer than it understands', () => {
    expect(() => migrateSettings({}, SETTINGS_VERSION + 1)).toThrow(/newer/);
  });
});

describe('scanDecision', () => {
  it('scans everywhere by default, including pages without a host', () => {
    expect(shouldScan(base, 'https://example.org/a')).toBe(true);
    expect(shouldScan(base, 'file:///tmp/a.html')).toBe(true);
  });

  it('never-scan wins over scan-only, and names the pattern', () => {
    const s = withLists({ neverScan: ['*.example.org'], onlyScan: ['example.org'] });
    expect(scanDecision(s, 'https://www.example.org/')).toEqual({ scan: false, reason: 'never', host: 'www.example.org', pattern: '*.example.org' });
    expect(scanDecision(s, 'https://example.org/')).toEqual({ scan: true });
  });

  it('scan-only lets nothing else through, pages without a host included', () => {
    const s = withLists({ onlyScan: ['news.org'] });
    expect(shouldScan(s, 'https://live.news.org/x')).toBe(true);
    expect(scanDecision(s, 'https://other.org/')).toEqual({ scan: false, reason: 'only', host: 'other.org' });
    expect(shouldScan(s, 'file:///tmp/a.html')).toBe(false);
  });

  it('a paused site is paused exactly: its subdomains still scan', () => {
    const s = setPaused(base, 'example.org', true);
    expect(scanDecision(s, 'http://example.org:8080/x')).toEqual({ scan: false, reason: 'paused', host: 'example.org' });
    expect(shouldScan(s, 'https://www.example.org/')).toBe(true);
  });

  it('a frame is judged by its own URL and by the top page’s', () => {
    const s = withLists({ neverScan: ['paused-parent.org'] });
    expect(shouldScan(s, 'https://embed.net/frame', 'https://paused-parent.org')).toBe(false);
    expect(shouldScan(s, 'https://embed.net/frame', 'https://fine.org')).toBe(true);
  });
});

describe('setPaused', () => {
  it('adds and removes only the host it was given, and never duplicates it', () => {
    const mine = withLists({ neverScan: ['example.org'], pausedSites: ['a.org'] });
    const paused = setPaused(mine, 'b.org', true);
    expect(paused.pausedSites).toEqual(['a.org', 'b.org']);
    expect(setPaused(paused, 'b.org', true)).toBe(paused);
    const resumed = setPaused(paused, 'a.org', false);
    expect(resumed.pausedSites).toEqual(['b.org']);
    expect(resumed.neverScan).toEqual(['example.org']);
    expect(setPaused(mine, '', true)).toBe(mine);
  });
});
