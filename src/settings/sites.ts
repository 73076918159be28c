/**
 * Site patterns for the reader's site lists ("never scan here", "scan only here")
 * and the host of a page. Pure: no browser API.
 *
 * A pattern is a host name, optionally prefixed by `*.`:
 *   `example.org`    matches example.org and every subdomain (www.example.org, news.example.org);
 *   `*.example.org`  matches the subdomains only, not example.org itself.
 * The same syntax as the newsroom config's `sites` (src/config), so a newsroom's defaults
 * and a reader's own entries read alike. Readers paste URLs: a scheme, port, path or
 * trailing dot is dropped and letters are lower-cased, so `https://News.Example.org/x`
 * is stored as `news.example.org`.
 */

export type SitePattern = string;

export interface SiteListError {
  /** 1-based line number in the text the reader typed. */
  line: number;
  /** The line as typed (trimmed). */
  text: string;
  message: string;
  /** Which rule the line broke, so a UI can say it in the reader's language. */
  code: SitePatternErrorCode;
}

/** What can be wrong with a pattern, and the English words for it. */
export const SITE_PATTERN_ERRORS = {
  star: 'a lone “*” would match every site; list sites by name instead',
  starPlace: '“*” may only start a pattern, as in *.example.org',
  space: 'a site name has no spaces (one site per line)',
  wildcardIp: '“*.” cannot precede an IP address',
  ip: 'not a valid IP address (and a site name cannot end in a number)',
  host: 'not a site name; expected a host such as example.org or *.example.org',
} as const;
export type SitePatternErrorCode = keyof typeof SITE_PATTERN_ERRORS;

const fail = (code: SitePatternErrorCode) => ({ code });

export interface ParsedSiteList {
  /** Valid patterns, normalised, duplicates dropped, in the order typed. */
  sites: SitePattern[];
  errors: SiteListError[];
}

/** A host name: dot-separated labels of letters, digits and hyphens (punycode for other scripts). */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** A line beginning with this is a comment, so readers can note why a site is listed. */
const COMMENT = '#';

/**
 * The normalised pattern, or the code of what is wrong with `raw` (no words: the content
 * script reads stored lists with this, and SITE_PATTERN_ERRORS stays out of it).
 */
export function checkSitePattern(raw: string): { pattern: SitePattern } | { code: SitePatternErrorCode } {
  const text = raw.trim();
  if (text === '*' || text === '*.') return fail('star');
  const wildcard = text.startsWith('*.');
  const rest = wildcard ? text.slice(2) : text;
  if (rest.includes('*')) return fail('starPlace');
  if (/\s/.test(rest)) return fail('space');
  // WHATWG URL reads a host whose last label is a number as an IPv4 address (and turns
  // "1.2.3" into "1.2.0.3"), so those are judged here, as written.
  const written = rest.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:?#]/)[0]!.toLowerCase().replace(/\.$/, '');
  if (/(^|\.)(\d+|0x[0-9a-f]*)$/.test(written)) {
    if (wildcard) return fail('wildcardIp');
    const valid = IPV4.test(written) && written.split('.').every((part) => Number(part) <= 255);
    return valid ? { pattern: written } : fail('ip');
  }
  let host: string;
  try {
    // URL gives lower case and punycode for free, and drops a scheme, port or path the reader pasted.
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(rest) ? rest : `http://${rest}`).hostname;
  } catch {
    return fail('host');
  }
  host = host.replace(/\.$/, '');
  if (host.startsWith('[')) {
    return wildcard ? fail('wildcardIp') : { pattern: host };
  }
  if (!HOST.test(host)) return fail('host');
  return { pattern: wildcard ? `*.${host}` : host };
}

/** The normalised pattern, or an error message saying what is wrong with `raw`. */
export function parseSitePattern(raw: string): { pattern: SitePattern } | { error: string; code: SitePatternErrorCode } {
  const parsed = checkSitePattern(raw);
  return 'code' in parsed ? { error: SITE_PATTERN_ERRORS[parsed.code], code: parsed.code } : parsed;
}

/**
 * The valid patterns of a textarea's worth of them, one per line (blank lines and `#`
 * comments skipped), normalised, without duplicates; `bad` is told each invalid line.
 */
function readSiteList(text: string, bad?: (line: string, i: number, code: SitePatternErrorCode) => void): SitePattern[] {
  const sites: SitePattern[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(COMMENT)) return;
    const parsed = checkSitePattern(line);
    if ('code' in parsed) bad?.(line, i, parsed.code);
    else if (!sites.includes(parsed.pattern)) sites.push(parsed.pattern);
  });
  return sites;
}

/** Parses a textarea's worth of patterns, one per line; blank lines and `#` comments are skipped. */
export function parseSiteList(text: string): ParsedSiteList {
  const errors: SiteListError[] = [];
  const sites = readSiteList(text, (line, i, code) => errors.push({ line: i + 1, text: line, message: SITE_PATTERN_ERRORS[code], code }));
  return { sites, errors };
}

/** One line per pattern: what a textarea shows. */
export function formatSiteList(sites: readonly SitePattern[]): string {
  return sites.join('\n');
}

/** Keeps the valid, normalised patterns of a stored list (stored data is not trusted blindly). */
export function cleanSiteList(value: unknown): SitePattern[] {
  if (!Array.isArray(value)) return [];
  return readSiteList(value.filter((v): v is string => typeof v === 'string' && !v.includes('\n')).join('\n'));
}

/** The host of a URL, lower-case without a trailing dot; '' for URLs without one (file:, about:, data:). */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}

export function hostMatches(pattern: SitePattern, host: string): boolean {
  if (host === '') return false;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** The first pattern in `list` that matches `host`, if any. */
export function firstMatch(list: readonly SitePattern[], host: string): SitePattern | undefined {
  return list.find((pattern) => hostMatches(pattern, host));
}
