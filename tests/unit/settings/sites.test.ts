import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSitePattern, cleanSiteList, firstMatch, formatSiteList, hostMatches, hostOf, parseSiteList, parseSitePattern } from '../../../src/settings/sites';

describe('parseSitePattern', () => {
  it.each([
    ['example.org', 'example.org'],
    ['  Example.ORG  ', 'example.org'],
    ['*.example.org', '*.example.org'],
    ['https://News.Example.org/world/article?x=1', 'news.example.org'],
    ['example.org/path', 'example.org'],
    ['example.org:8080', 'example.org'],
    ['example.org.', 'example.org'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%s -> %s', (input, expected) => {
    expect(parseSitePattern(input)).toEqual({ pattern: expected });
  });

  it.each([
    ['*', 'every site'],
    ['exa mple.org', 'no spaces'],
    ['ex*ample.org', 'may only start'],
    ['*.127.0.0.1', 'IP address'],
    ['1.2.3', 'IP address'],
    ['example.123', 'IP address'],
    ['300.1.1.1', 'IP address'],
    ['-bad-.org', 'not a site name'],
    ['http://', 'not a site name'],
    ['under_score.org', 'not a site name'],
  ])('rejects %s with a message about %s', (input, words) => {
    const parsed = parseSitePattern(input);
    expect('error' in parsed && parsed.error).toContain(words);
  });
});

describe('checkSitePattern (what the content script reads stored lists with)', () => {
  it('gives the normalised pattern, or the code alone (no words)', () => {
    expect(checkSitePattern('https://News.Example.org/x')).toEqual({ pattern: 'news.example.org' });
    expect(checkSitePattern('bad site')).toEqual({ code: 'space' });
    expect(parseSitePattern('bad site')).toEqual({ code: 'space', error: expect.stringContaining('no spaces') as string });
  });
});

describe('parseSiteList', () => {
  it('gives the valid patterns in order, without duplicates, and an error per bad line with its number', () => {
    const text = ['example.org', '', '# my note', 'bad site', 'https://www.example.org/', 'EXAMPLE.org', '*.x'].join('\n');
    const parsed = parseSiteList(text);
    expect(parsed.sites).toEqual(['example.org', 'www.example.org', '*.x']);
    expect(parsed.errors).toEqual([{ line: 4, text: 'bad site', code: 'space', message: expect.stringContaining('no spaces') as string }]);
  });

  it('round-trips: formatting the parsed list parses back to the same list', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/).filter((l) => !l.startsWith('xn--'));
    // The last label starts with a letter: one that is a number makes the host an IP address.
    const last = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/).filter((l) => !l.startsWith('xn--'));
    const pattern = fc
      .tuple(fc.boolean(), fc.array(label, { maxLength: 3 }), last)
      .map(([wild, labels, tld]) => `${wild ? '*.' : ''}${[...labels, tld].join('.')}`);
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 8 }), (patterns) => {
        const once = parseSiteList(patterns.join('\n'));
        expect(once.errors).toEqual([]);
        expect(parseSiteList(formatSiteList(once.sites)).sites).toEqual(once.sites);
      }),
    );
  });

  it('cleanSiteList keeps only valid string entries of a stored list', () => {
    expect(cleanSiteList(['Example.org', 3, null, 'bad site', 'a\nb', '*.x.org'])).toEqual(['example.org', '*.x.org']);
    expect(cleanSiteList('example.org')).toEqual([]);
  });
});

describe('hostMatches', () => {
  it('a plain pattern matches the host and its subdomains, not look-alikes', () => {
    expect(hostMatches('example.org', 'example.org')).toBe(true);
    expect(hostMatches('example.org', 'www.example.org')).toBe(true);
    expect(hostMatches('example.org', 'a.b.example.org')).toBe(true);
    expect(hostMatches('example.org', 'notexample.org')).toBe(false);
    expect(hostMatches('example.org', 'example.org.evil.net')).toBe(false);
  });

  it('a *. pattern matches subdomains only', () => {
    expect(hostMatches('*.example.org', 'www.example.org')).toBe(true);
    expect(hostMatches('*.example.org', 'example.org')).toBe(false);
    expect(hostMatches('*.example.org', 'badexample.org')).toBe(false);
  });

  it('nothing matches a URL without a host', () => {
    expect(hostOf('file:///home/me/page.html')).toBe('');
    expect(hostMatches('example.org', hostOf('about:blank'))).toBe(false);
    expect(firstMatch(['a.org', '*.example.org'], hostOf('https://WWW.Example.org./x'))).toBe('*.example.org');
  });
});
