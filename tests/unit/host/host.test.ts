import { describe, expect, it } from 'vitest';
import { createHost, refusedHost } from '../../../src/host';
import type { Matcher } from '../../../src/host';
import { PESKOV, TRUCE, sampleCorpus } from './sample-corpus';

const page = `Peskov said: “We have only seen newspaper articles so far, and we will not respond to them.” Then he left.`;

describe('createHost with a valid corpus', () => {
  const host = createHost(sampleCorpus());

  it('reports the corpus as loaded', () => {
    expect(host.corpus).toEqual({
      ok: true,
      name: 'Sample newsroom',
      quoteCount: 2,
      documentCount: 1,
      scope: { speakerCount: 1, topSpeakers: ['Dmitry Peskov'], from: expect.any(String), to: expect.any(String) },
    });
  });

  it('answers a scan with findings and the quote records they name', () => {
    const answer = host.scan({ type: 'qv:scan', text: page });
    expect(answer.corpus.ok).toBe(true);
    expect(answer.findings).toHaveLength(1);
    const f = answer.findings[0]!;
    expect(f.verdict).toBe('verified');
    expect(f.quoteId).toBe(PESKOV.id);
    expect(page.slice(f.start, f.end)).toBe(f.text);
    expect(Object.keys(answer.quotes)).toEqual([PESKOV.id]);
    expect(answer.quotes[PESKOV.id]!.speaker.name).toBe('Dmitry Peskov');
  });

  it('finds nothing in unrelated text', () => {
    expect(host.scan({ type: 'qv:scan', text: 'Nothing anyone said.' }).findings).toEqual([]);
  });

  it('looks up a selection', () => {
    const answer = host.lookup({ type: 'qv:lookup', text: TRUCE.text });
    expect(answer.best?.quoteId).toBe(TRUCE.id);
    expect(answer.quotes[TRUCE.id]).toBeDefined();
  });
});

describe('createHost with a refused corpus', () => {
  it('names the file and the field that failed', () => {
    const broken = sampleCorpus();
    (broken.quotes[1] as { date: string }).date = '16 December';
    const host = createHost(broken, { sourceName: 'corpus.json' });
    expect(host.corpus.ok).toBe(false);
    if (host.corpus.ok) return;
    expect(host.corpus.error).toContain('corpus.json');
    expect(host.corpus.error).toContain('quotes.1.date');
  });

  it('marks nothing verified, even text that is in the corpus', () => {
    const broken = { ...sampleCorpus(), version: 99 };
    const host = createHost(broken);
    const scan = host.scan({ type: 'qv:scan', text: page });
    expect(scan.corpus.ok).toBe(false);
    expect(scan.findings).toEqual([]);
    expect(scan.quotes).toEqual({});
    const lookup = host.lookup({ type: 'qv:lookup', text: PESKOV.text });
    expect(lookup.best).toBeUndefined();
    expect(lookup.corpus.ok).toBe(false);
  });

  it('refuses duplicate quote ids', () => {
    const dup = sampleCorpus();
    dup.quotes[1]!.id = dup.quotes[0]!.id;
    const host = createHost(dup);
    expect(host.corpus).toEqual({ ok: false, reason: 'invalid', error: `corpus.json: quotes.1.id: duplicate quote id ${PESKOV.id}` });
  });

  it('refuses non-JSON-object input such as a failed load', () => {
    expect(createHost(undefined).corpus.ok).toBe(false);
    expect(refusedHost('corpus.json could not be read').scan({ type: 'qv:scan', text: page }).findings).toEqual([]);
  });

  it('refuses when the engine cannot index the corpus', () => {
    const host = createHost(sampleCorpus(), {
      createMatcher: () => {
        throw new Error('index is from another corpus');
      },
    });
    expect(host.corpus).toEqual({ ok: false, reason: 'invalid', error: 'corpus.json: the matching engine could not index the corpus: index is from another corpus' });
  });
});

describe('createHost guards the engine’s answers', () => {
  it('turns a finding that names an unknown quote into an unverified one', () => {
    const engine: Matcher = {
      findAll: (text) => [{ verdict: 'verified', quoteId: 'q_ffffffffffff', score: 1, start: 0, end: text.length, text, diff: [], flags: [] }],
      lookup: () => ({ nearest: [{ quoteId: 'q_ffffffffffff', score: 0.5 }, { quoteId: TRUCE.id, score: 0.4 }] }),
    };
    const host = createHost(sampleCorpus(), { createMatcher: () => engine });
    const scan = host.scan({ type: 'qv:scan', text: 'abc' });
    expect(scan.findings[0]!.verdict).toBe('unverified');
    expect(scan.findings[0]!.quoteId).toBeUndefined();
    const lookup = host.lookup({ type: 'qv:lookup', text: 'abc' });
    expect(lookup.nearest).toEqual([{ quoteId: TRUCE.id, score: 0.4 }]);
    expect(Object.keys(lookup.quotes)).toEqual([TRUCE.id]);
  });
});

describe('createHost with the real engine', () => {
  const host = createHost(sampleCorpus());

  it('reports a doctored quotation as altered, with the meaning change flagged', () => {
    const doctored = 'Peskov said: “We have only seen newspaper articles so far, and we will respond to them.”';
    const [f] = host.scan({ type: 'qv:scan', text: doctored }).findings;
    expect(f?.verdict).toBe('altered');
    expect(f?.flags).toContain('negation');
    expect(f?.diff.some((d) => d.op === 'delete' && /not/.test(d.text))).toBe(true);
  });

  it('names the edits that change the meaning (callouts) on altered findings only, for the card and the popup', () => {
    const doctored = 'Peskov said: “We have only seen newspaper articles so far, and we will respond to them.”';
    const [f] = host.scan({ type: 'qv:scan', text: doctored }).findings;
    expect(f?.callouts).toEqual([{ kind: 'negation', dropped: ['not'], added: [] }]);
    // The same classifier as the flags: a call-out's kind is always among the finding's flags.
    for (const c of f!.callouts!) expect(f!.flags).toContain(c.kind);
    const [exact] = host.scan({ type: 'qv:scan', text: `Peskov said: “${PESKOV.text}”` }).findings;
    expect(exact?.verdict).toBe('verified');
    expect(exact).not.toHaveProperty('callouts');
    const looked = host.lookup({ type: 'qv:lookup', text: 'We have only seen newspaper articles so far, and we will respond to them.' });
    expect(looked.best?.verdict).toBe('altered');
    expect(looked.best?.callouts?.[0]).toMatchObject({ kind: 'negation', dropped: ['not'] });
  });

  it('reports a quotation put in someone else’s mouth as misattributed', () => {
    const text = `Zelensky said: “${PESKOV.text}”`;
    const [f] = host.scan({ type: 'qv:scan', text }).findings;
    expect(f?.verdict).toBe('misattributed');
    expect(f?.attributedTo).toMatch(/Zelensky/);
  });

  it('looks up a misremembered selection and offers the nearest quotations', () => {
    const answer = host.lookup({ type: 'qv:lookup', text: 'We have seen only newspaper reports and will not respond to them' });
    const ids = [answer.best?.quoteId, ...answer.nearest.map((n) => n.quoteId)];
    expect(ids).toContain(PESKOV.id);
    for (const id of ids) if (id) expect(answer.quotes[id]).toBeDefined();
  });
});

describe('createHost and unjudged spans', () => {
  const host = createHost(sampleCorpus());
  it('never answers verified for a finding over text the page could not judge', () => {
    const start = page.indexOf('so far');
    const answer = host.scan({ type: 'qv:scan', text: page, unjudged: [{ start, end: start + 6, reason: 'bidi' }] });
    expect(answer.findings).toHaveLength(1);
    expect(answer.findings[0]!.verdict).toBe('unverified');
    expect(answer.findings[0]!.quoteId).toBe(PESKOV.id);
    expect(answer.findings[0]!.flags).toContain('rendering');
  });

  it('still verifies when the unjudged text is elsewhere on the page', () => {
    const start = page.indexOf('Then he left');
    const answer = host.scan({ type: 'qv:scan', text: page, unjudged: [{ start, end: start + 4, reason: 'order' }] });
    expect(answer.findings[0]!.verdict).toBe('verified');
  });
});

describe('corpusScope', () => {
  it('names the speakers, most quoted first, and the period of the statements', async () => {
    const { corpusScope } = await import('../../../src/host/host');
    const q = (name: string, date: string) => ({ speaker: { name }, date });
    expect(corpusScope([q('B', '2025-01'), q('A', '2024-12-13'), q('B', '2025-12-16'), q('C', '2023')])).toEqual({
      speakerCount: 3,
      topSpeakers: ['B', 'A', 'C'],
      from: '2023',
      to: '2025-12-16',
    });
  });
});
