import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCorpus, sha256Hex } from '../../../src/host/integrity';
import { corpusErrorBadge, BADGE_COLOR_PROBLEM, createHost, refusedHost } from '../../../src/host';

const enc = (s: string) => new TextEncoder().encode(s);
const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('corpus integrity', () => {
  const text = '{"version":1,"name":"x","documents":[],"quotes":[]}\n';

  it('hashes bytes exactly as Node does (the build embeds Node’s hash)', async () => {
    expect(await sha256Hex(enc(text))).toBe(nodeSha(text));
    expect(await sha256Hex(enc('Песков — «мир»'))).toBe(nodeSha('Песков — «мир»'));
  });

  it('opens a corpus whose bytes match the embedded hash', async () => {
    const opened = await openCorpus(enc(text), nodeSha(text), 'corpus.json');
    expect(opened).toEqual({ ok: true, json: JSON.parse(text), sha256: nodeSha(text) });
  });

  it('refuses a corpus changed by one byte, naming both hashes', async () => {
    const tampered = text.replace('"x"', '"y"');
    const opened = await openCorpus(enc(tampered), nodeSha(text), 'corpus.json');
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.reason).toBe('integrity');
    expect(opened.error).toContain('corpus.json failed its integrity check');
    expect(opened.error).toContain(nodeSha(text).slice(0, 12));
    expect(opened.error).toContain(nodeSha(tampered).slice(0, 12));
    expect(opened.error).toMatch(/Nothing is marked verified/);
  });

  it('refuses when the build carries no hash to check against', async () => {
    const opened = await openCorpus(enc(text), undefined, 'corpus.json');
    expect(opened).toMatchObject({ ok: false, reason: 'integrity' });
  });

  it('refuses bytes that hash right but are not JSON (a build of a broken file)', async () => {
    const broken = '{"version":';
    expect(await openCorpus(enc(broken), nodeSha(broken), 'corpus.json')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('a refused host finds nothing and says why; its badge is red ERR on every tab', () => {
    const host = refusedHost('corpus.json failed its integrity check', 'integrity');
    expect(host.corpus).toEqual({ ok: false, error: 'corpus.json failed its integrity check', reason: 'integrity' });
    expect(host.scan({ type: 'qv:scan', text: '“We are ready for discussions.”' }).findings).toEqual([]);
    const badge = corpusErrorBadge('corpus.json failed its integrity check');
    expect(badge).toMatchObject({ text: 'ERR', color: BADGE_COLOR_PROBLEM });
    expect(badge.title).toMatch(/nothing is verified/);
  });

  it('a good host reports its hash, build date and version', () => {
    const host = createHost(
      { version: 1, name: 'Newsroom', corpusVersion: '2026.11', documents: [], quotes: [] },
      { sha256: 'ab'.repeat(32), builtAt: '2026-11-23T10:00:00.000Z' },
    );
    expect(host.corpus).toEqual({
      ok: true,
      name: 'Newsroom',
      quoteCount: 0,
      documentCount: 0,
      version: '2026.11',
      sha256: 'ab'.repeat(32),
      builtAt: '2026-11-23T10:00:00.000Z',
      scope: { speakerCount: 0, topSpeakers: [] },
    });
  });
});

describe('only approved quotations count', () => {
  it('a working corpus with pending and rejected quotes verifies only the approved one', () => {
    const quote = (id: string, text: string, state: 'pending' | 'approved' | 'rejected') => ({
      id,
      text,
      kind: 'direct',
      speaker: { name: 'Mara Quist' },
      date: '2024-05-02',
      datePrecision: 'day',
      dateBasis: 'explicit',
      sources: [{ docId: 'strike', title: 'Transit strike' }],
      context: '',
      review: { state },
    });
    const host = createHost({
      version: 1,
      name: 'Working',
      documents: [{ docId: 'strike', file: 'strike.md', title: 'Transit strike', sha256: 'a'.repeat(64) }],
      quotes: [
        quote('q_aaaaaaaaaaaa', 'We are not going back until the contract is signed', 'approved'),
        quote('q_bbbbbbbbbbbb', 'The depot will stay closed for another month at least', 'pending'),
        quote('q_cccccccccccc', 'Management offered nothing but crumbs and promises today', 'rejected'),
      ],
    });
    expect(host.corpus).toMatchObject({ ok: true, quoteCount: 1 });
    const text =
      'Quist said “We are not going back until the contract is signed.” She added “The depot will stay closed for another month at least.” ' +
      'And “Management offered nothing but crumbs and promises today.”';
    const findings = host.scan({ type: 'qv:scan', text }).findings;
    expect(findings.filter((f) => f.verdict === 'verified').map((f) => f.quoteId)).toEqual(['q_aaaaaaaaaaaa']);
    expect(findings.some((f) => f.quoteId === 'q_bbbbbbbbbbbb' || f.quoteId === 'q_cccccccccccc')).toBe(false);
  });
});

describe('source addresses', () => {
  it('a corpus whose source links to javascript: is refused by name', () => {
    const host = createHost({
      version: 1,
      name: 'Hostile',
      documents: [],
      quotes: [
        {
          id: 'q_aaaaaaaaaaaa',
          text: 'Anything at all',
          kind: 'direct',
          speaker: { name: 'A' },
          date: '2024',
          datePrecision: 'year',
          dateBasis: 'imported',
          sources: [{ docId: 'x', title: 'X', url: 'javascript:alert(1)' }],
          context: '',
        },
      ],
    });
    expect(host.corpus).toMatchObject({ ok: false, reason: 'invalid' });
    expect(host.corpus.ok ? '' : host.corpus.error).toMatch(/quotes\.0\.sources\.0\.url: expected an http:\/\/ or https:\/\/ address/);
  });
});
