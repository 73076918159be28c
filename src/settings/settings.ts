/**
 * The reader's settings (issue 5, section 4): plain data, defaults, repair of stored
 * values, migrations between stored shapes, and the one decision the content script
 * asks of them: scan this page or not. Pure; src/platform/settings-store.ts stores them.
 *
 * Plain TypeScript, no zod: the content script reads settings and must stay small
 * (zod would add ~15 kB gzip to every page). Stored values are repaired field by field
 * (coerceSettings), so a damaged or older value never breaks a page.
 */
import { checkSitePattern, cleanSiteList, firstMatch, hostOf, type SitePattern } from './sites';

/**
 * How findings are marked in the page (src/page/highlights.css has rules for each):
 * every style keeps each verdict's own underline (solid, wavy, double, dotted), so colour
 * is never the only signal.
 *   tinted:     underline plus a faint tint of the verdict's colour (the default);
 *   underline:  the underline alone, for readers who find tints distracting;
 *   background: a stronger tint plus the underline, for readers who miss thin lines.
 */
export const HIGHLIGHT_STYLES = ['tinted', 'underline', 'background'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export interface Settings {
  /** Scan pages as they load and change. Off: only "Verify quotation" on a selection. */
  autoScan: boolean;
  /**
   * Mark quotations found in no corpus. Off by default: most quotations on a page are in
   * no corpus, and dotted lines under all of them would bury the ones that matter. They
   * are still listed in the popup either way.
   */
  showUnverified: boolean;
  highlightStyle: HighlightStyle;
  /** Never scan pages on these sites (patterns, see sites.ts). Wins over every other list. */
  neverScan: SitePattern[];
  /** When not empty, scan only pages on these sites. */
  onlyScan: SitePattern[];
  /**
   * Exact hosts the popup's "Pause on this site" switch paused. A list of its own, not
   * entries in `neverScan`, so that turning the switch off undoes exactly what turning it
   * on did and never removes a pattern the reader typed in the options page.
   */
  pausedSites: string[];
}

/**
 * The stored shape's version. Raise it (and add an entry to SETTINGS_MIGRATIONS) when a
 * field is renamed or changes meaning; a field that is only added needs no migration,
 * since coerceSettings fills it from the defaults.
 */
export const SETTINGS_VERSION = 1;

/** Turns a stored value of version N-1 into version N. Pure; it may receive anything. */
export type SettingsMigration = (previous: unknown) => unknown;

/** Version -> the migration that produces it. Empty while version 1 is the only shape. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

/** The newsroom's default site lists (the build embeds them; see BuildInfo.sites). */
export interface SiteDefaults {
  only: readonly string[];
  never: readonly string[];
}

export function defaultSettings(sites: SiteDefaults = { only: [], never: [] }): Settings {
  return {
    autoScan: true,
    showUnverified: false,
    highlightStyle: 'tinted',
    neverScan: cleanSiteList(sites.never),
    onlyScan: cleanSiteList(sites.only),
    pausedSites: [],
  };
}

/**
 * A complete, valid Settings from whatever was stored: each field that is missing or of
 * the wrong kind takes its default; site lists keep their valid entries only.
 */
export function coerceSettings(raw: unknown, defaults: Settings): Settings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const bool = (key: 'autoScan' | 'showUnverified') => (typeof value[key] === 'boolean' ? (value[key] as boolean) : defaults[key]);
  const list = (key: 'neverScan' | 'onlyScan') => (Array.isArray(value[key]) ? cleanSiteList(value[key]) : [...defaults[key]]);
  const style = value.highlightStyle;
  return {
    autoScan: bool('autoScan'),
    showUnverified: bool('showUnverified'),
    highlightStyle: HIGHLIGHT_STYLES.includes(style as HighlightStyle) ? (style as HighlightStyle) : defaults.highlightStyle,
    neverScan: list('neverScan'),
    onlyScan: list('onlyScan'),
    pausedSites: Array.isArray(value.pausedSites) ? cleanHosts(value.pausedSites) : [...defaults.pausedSites],
  };
}

/**
 * Runs the migrations from `fromVersion` up to `toVersion`, in order (what WXT storage does
 * with the same table when it finds an older stored version; exposed for tests and tools).
 */
export function migrateSettings(
  value: unknown,
  fromVersion: number,
  toVersion: number = SETTINGS_VERSION,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
): unknown {
  if (fromVersion > toVersion) throw new Error(`Settings version ${fromVersion} is newer than this extension understands (${toVersion})`);
  let current = value;
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    const migration = migrations[version];
    if (migration) current = migration(current);
  }
  return current;
}

export type ScanDecision =
  | { scan: true }
  | {
      scan: false;
      /** paused: the popup's switch; never: a never-scan pattern; only: not on the scan-only list. */
      reason: 'paused' | 'never' | 'only';
      host: string;
      /** The never-scan pattern that matched. */
      pattern?: SitePattern;
    };

/**
 * May pages at these URLs be scanned? A frame passes its own URL and, where the browser
 * tells it, the top-level page's: a paused or never-scan site stays quiet in its frames
 * too, and a frame is scanned on a scan-only site only if both are allowed.
 * Selection lookups ("Verify quotation") are the reader's explicit request and are not
 * subject to this: it governs automatic scanning only.
 */
export function scanDecision(settings: Settings, ...urls: readonly string[]): ScanDecision {
  for (const url of urls) {
    const host = hostOf(url);
    if (host !== '' && settings.pausedSites.includes(host)) return { scan: false, reason: 'paused', host };
    const pattern = firstMatch(settings.neverScan, host);
    if (pattern !== undefined) return { scan: false, reason: 'never', host, pattern };
    if (settings.onlyScan.length > 0 && firstMatch(settings.onlyScan, host) === undefined) {
      return { scan: false, reason: 'only', host };
    }
  }
  return { scan: true };
}

export function shouldScan(settings: Settings, ...urls: readonly string[]): boolean {
  return scanDecision(settings, ...urls).scan;
}

/** Settings with `host` paused or resumed (the popup's switch). Unchanged when already so. */
export function setPaused(settings: Settings, host: string, paused: boolean): Settings {
  const has = settings.pausedSites.includes(host);
  if (paused === has || host === '') return settings;
  return {
    ...settings,
    pausedSites: paused ? [...settings.pausedSites, host] : settings.pausedSites.filter((h) => h !== host),
  };
}

/** Valid exact hosts (no wildcards), normalised, without duplicates. */
function cleanHosts(value: readonly unknown[]): string[] {
  const hosts: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || entry.startsWith('*')) continue;
    const parsed = checkSitePattern(entry);
    if ('pattern' in parsed && !hosts.includes(parsed.pattern)) hosts.push(parsed.pattern);
  }
  return hosts;
}
