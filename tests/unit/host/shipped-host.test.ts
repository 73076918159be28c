/**
 * The background's host over the shipped index (src/host/shipped-host.ts) gives the
 * answers of the host that parses corpus.json and builds the index (src/host/host.ts,
 * what the background did before and the CLI does): same findings, verdicts, offsets,
 * quote records, corpus status, lookups and searches, on every page and fixture the
 * matching tests use, for every corpus they use, plus a generated corpus with many
 * record shards. Both start from what the build packs (src/config/package-corpus.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/cli/check/extract';
import { packValidCorpus, type PackedCorpus } from '../../../src/config/package-corpus';
import { Corpus, type Quote } from '../../../src/corpus/schema';
import { RECORD_SHARD_QUOTES } from '../../../src/corpus/shipped';
import { createHost, type SyncHost } from '../../../src/host/host';
import { createShippedHost, type ShippedHost } from '../../../src/host/shipped-host';
import { buildIndex, IndexError, openShippedIndex, SHIPPED_HEADER_BYTES, shippedIndexParts } from '../../../src/match/match-index';
import { Engine } from '../../../src/match/engine';
import { VARIANT_MAX_CANDIDATES } from '../../../src/match/thresholds';
import type { ScanRequest } from '../../../src/platform/messages';
import { makeCorpus, makePage, makeSpans } from '../../../scripts/bench-data';
import { EN_DECOY, EN_WIRE, RU_DECOY, RU_ORIGINAL, RU_TRANSLATION_FIXTURE, WITH_ORIGINAL, WITH_TRANSLATION, WITH_WIRE } from '../match/wordings-corpus';

const root = path.resolve(__dirname, '../../..');
const noPause = async () => {};

function corpusFile(file: string): Corpus {
  return Corpus.parse(JSON.parse(readFileSync(path.join(root, file), 'utf8')));
}

/** A corpus of `n` generated quotations (the benchmark's generator), spread over several record shards. */
function generatedCorpus(n: number): { corpus: Corpus; page: string } {
  const generated = makeCorpus(n, 11);
  const quotes: Quote[] = generated.quotes.map((q, i) => ({
    id: q.id,
    text: q.text,
    kind: 'direct',
    speaker: { name: q.speaker.name, aliases: q.speaker.aliases!, ...(i % 3 === 0 ? { role: 'minister' } : {}) },
    date: ['2024', '2025-03', '2025-06-01'][i % 3]!,
    datePrecision: (['year', 'month', 'day'] as const)[i % 3]!,
    dateBasis: 'imported',
    sources: [{ docId: `import:gen.csv#${i + 1}`, title: `Report ${i % 17} — “ünïcode”`, url: `https://news.example.org/${i}` }],
    context: i % 2 ? '' : `Context of quote ${i}: ${q.text}`,
  }));
  const page = makePage(makeSpans(generated, 5), 60_000, 9);
  return { corpus: { version: 1, name: 'Generated', documents: [], quotes }, page };
}

/** Every page and article the matching tests read, as the extension's collector reads them. */
async function testTexts(): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['tests/e2e/pages', 'tests/fixtures/check']) {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      const format = /\.html$/.test(name) ? 'html' : /\.md$/.test(name) ? 'markdown' : /\.txt$/.test(name) ? 'text' : undefined;
      if (!format) continue;
      const { text } = await extractText(readFileSync(path.join(root, dir, name), 'utf8'), format);
      out.push({ name: `${dir}/${name}`, text });
    }
  }
  return out;
}

/** The index's two parts in buffers of their own, as the background reads them in Chromium (src/platform/corpus-asset.ts). */
function indexParts(index: Uint8Array): [Uint8Array, Uint8Array] {
  const { splitAt, byteLength } = shippedIndexParts(index.slice(0, SHIPPED_HEADER_BYTES));
  expect(byteLength).toBe(index.byteLength);
  return [index.slice(0, splitAt), index.slice(splitAt)];
}

/** The host that parses the corpus, and the shipped host over the index (from its two parts, or `whole`). */
function hosts(packed: PackedCorpus, whole = false): { built: SyncHost; shipped: ShippedHost; reads: [number, number][] } {
  const bytes = new TextEncoder().encode(packed.json);
  const reads: [number, number][] = [];
  const shipped = createShippedHost(openShippedIndex(whole ? packed.index : indexParts(packed.index)), {
    readCorpus: async (start, end) => {
      reads.push([start, end]);
      return bytes.slice(start, end);
    },
    corpusSha256: packed.sha256,
  });
  return { built: createHost(JSON.parse(packed.json), { sha256: packed.sha256 }), shipped, reads };
}

const corpora: [string, () => Corpus][] = [
  ['the seed corpus (data/corpus.json)', () => corpusFile('data/corpus.json')],
  ['the check fixtures’ corpus', () => corpusFile('tests/fixtures/check/corpus.json')],
];

describe('the shipped index answers as the corpus it was built from', async () => {
  const texts = await testTexts();

  for (const [label, load] of corpora) {
    it(`${label}: same scan answers on every test page and fixture`, async () => {
      const { built, shipped } = hosts(packValidCorpus(load(), 'corpus.json'));
      expect(shipped.corpus).toEqual(built.corpus);
      let matched = 0;
      for (const { name, text } of texts) {
        const request: ScanRequest = { type: 'qv:scan', text };
        const want = built.scan(request);
        matched += want.findings.filter((f) => f.quoteId !== undefined).length;
        expect(await shipped.scanSliced(request, noPause), name).toEqual(want);
      }
      // The comparison means something only if the pages hold this corpus's quotations.
      expect(matched).toBeGreaterThan(0);
    });
  }

  it('a generated corpus over several record shards: same scans, lookups and searches', async () => {
    const { corpus, page } = generatedCorpus(RECORD_SHARD_QUOTES * 4 + 17);
    const { built, shipped, reads } = hosts(packValidCorpus(corpus, 'generated.json'));
    expect(shipped.corpus).toEqual(built.corpus);
    const request: ScanRequest = { type: 'qv:scan', text: page };
    const want = await built.scanSliced(request, noPause);
    expect(want.findings.filter((f) => f.verdict === 'verified').length).toBeGreaterThan(50);
    expect(new Set(Object.keys(want.quotes).map((id) => corpus.quotes.findIndex((q) => q.id === id) >> 8)).size).toBeGreaterThan(3);
    // The page is matched in slices; the first slice's records are being read before the last slice is matched.
    const readsAtPause: number[] = [];
    expect(await shipped.scanSliced(request, async () => void readsAtPause.push(reads.length))).toEqual(want);
    expect(readsAtPause.length).toBeGreaterThanOrEqual(2);
    expect(readsAtPause[0]).toBeGreaterThan(0);
    // Only the pieces holding the found records were read, never the whole file.
    expect(reads.every(([s, e]) => e - s < new TextEncoder().encode(JSON.stringify(corpus)).length / 2)).toBe(true);
    for (const q of [corpus.quotes[0]!, corpus.quotes[700]!, corpus.quotes.at(-1)!]) {
      const lookup = { type: 'qv:lookup' as const, text: q.text.split(' ').slice(0, -2).join(' ') };
      expect(await shipped.lookup(lookup)).toEqual(built.lookup(lookup));
    }
    for (const query of [corpus.quotes[300]!.text.slice(0, 60), 'Number7', 'speaker number 12', 'zz']) {
      expect(await shipped.search({ type: 'qv:search', query })).toEqual(built.search({ type: 'qv:search', query }));
    }
  });

  it('more quotes than the host keeps views of: same answers where the variant rule walks every speaker', async () => {
    // Over QUOTE_VIEWS_KEPT (8,192): the kept views are dropped while the rule compares a speaker's quotes.
    const { corpus } = generatedCorpus(8_300);
    const { built, shipped } = hosts(packValidCorpus(corpus, 'generated.json'));
    const texts = [10, 4_000, 8_290].map((i) => {
      const q = corpus.quotes[i]!;
      const words = q.text.split(' ');
      // The words reversed: no trigram of the quote, so only the variant rule can name it.
      return `${q.speaker.name} said: “${[...words].reverse().join(' ')}” Later ${q.speaker.name} added: “${q.text}”`;
    });
    let variants = 0;
    for (const text of texts) {
      const request: ScanRequest = { type: 'qv:scan', text };
      const want = built.scan(request);
      variants += want.findings.filter((f) => f.verdict === 'variant').length;
      expect(await shipped.scanSliced(request, noPause), text).toEqual(want);
    }
    // The rule was asked, and answered: the walk over every speaker happened.
    expect(variants).toBeGreaterThan(0);
  });

  it('pages naming speakers: same answers from the speaker table as from the quotes', async () => {
    // Speakers sharing a name word (two records of one name, another speaker of the same stem)
    // with more quotes than the rule compares (VARIANT_MAX_CANDIDATES), and dates with ties:
    // which quotes are compared, and in which order, must be the parsed host's.
    const { corpus } = generatedCorpus(6_000);
    const petrova = { name: 'Olga Petrova', aliases: ['O. Petrova'] };
    const quotes: Quote[] = corpus.quotes.map((q, i) => {
      // Few dates, so the cut at VARIANT_MAX_CANDIDATES falls inside a run of quotes of one date (2024-05-06).
      const date = i < 4_500 ? '2024-05-06' : i < 5_250 ? '2025-01-10' : '2025-02';
      const precision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
      const speaker =
        i % 4 === 0 ? petrova : i % 4 === 1 ? { ...petrova, role: 'minister' } : i % 8 === 2 ? { name: 'Ivan Petrov', aliases: [] } : q.speaker;
      return { ...q, speaker, date, datePrecision: precision };
    });
    const named = { ...corpus, quotes };
    expect(quotes.filter((q) => q.speaker.name.includes('Petrov')).length).toBeGreaterThan(VARIANT_MAX_CANDIDATES);
    const { built, shipped } = hosts(packValidCorpus(named, 'named.json'));
    const reversed = (i: number) => [...quotes[i]!.text.split(' ')].reverse().join(' ');
    // Olga Petrova's quotes the rule compares first, at the edge of what it compares, and just past it.
    const order = quotes
      .map((q, i) => ({ q, i }))
      .filter(({ q }) => q.speaker.name === petrova.name)
      .sort((a, b) => (a.q.date < b.q.date ? 1 : a.q.date > b.q.date ? -1 : a.i - b.i))
      .map(({ i }) => i);
    const [first, second, last, past] = [0, 1, VARIANT_MAX_CANDIDATES - 1, VARIANT_MAX_CANDIDATES].map((k) => order[k]!) as [number, number, number, number];
    const ivan = quotes.findLastIndex((q) => q.speaker.name === 'Ivan Petrov');
    const pages: ScanRequest[] = [
      { type: 'qv:scan', text: `Petrova said: “${reversed(first)}” and “${reversed(last)}” and “${reversed(past)}”.` },
      { type: 'qv:scan', text: `Petrova’s aide quoted her: “${reversed(second)}”`, pagePublished: '2023-03-15' },
      { type: 'qv:scan', text: `Ivan Petrov said: “${reversed(ivan)}”. ${quotes[3]!.speaker.name} said: “${reversed(3)}”`, pagePublished: '2025-02-20' },
      { type: 'qv:scan', text: `Nobody named here said “${reversed(first)}”.` },
    ];
    let variants = 0;
    for (const request of pages) {
      const want = built.scan(request);
      variants += want.findings.filter((f) => f.verdict === 'variant').length;
      expect(await shipped.scanSliced(request, noPause), request.text).toEqual(want);
    }
    // The rule answered on these pages, so the comparison covered its candidates; the quote just
    // past the ones it compares is no variant, so the order of ties counted.
    expect(variants).toBeGreaterThan(2);
    expect(built.scan(pages[0]!).findings.map((f) => f.verdict)).toEqual(['variant', 'variant', 'unverified']);
  });

  it('the build stores each speaker\'s quotes newest first, then in corpus order, as the parsed table orders them', () => {
    const { corpus } = generatedCorpus(2_000);
    // Many dates of every precision, with ties, so both keys of the order count.
    const dates = ['2019', '2024-05', '2024-05-06', '2024-05-07', '2023-12-31', '2024', '2025-01'];
    const quotes: Quote[] = corpus.quotes.map((q, i) => {
      const date = dates[(i * 7) % dates.length]!;
      return { ...q, date, datePrecision: date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day' };
    });
    const shipped = openShippedIndex(packValidCorpus({ ...corpus, quotes }, 'dated.json').index);
    const speakerOfId = new Map(quotes.map((q) => [q.id, JSON.stringify(q.speaker)]));
    let listed = 0;
    for (let s = 0; s < shipped.speakerCount; s++) {
      const got = [...shipped.quotesOfSpeaker(s)];
      listed += got.length;
      const json = JSON.stringify(JSON.parse(shipped.speakerJson(s)));
      const want = quotes
        .map((q, i) => ({ q, i }))
        .filter(({ q }) => JSON.stringify(q.speaker) === json)
        .sort((a, b) => (a.q.date < b.q.date ? 1 : a.q.date > b.q.date ? -1 : a.i - b.i))
        .map(({ i }) => i);
      expect(got).toEqual(want);
      for (const q of got) expect(speakerOfId.get(shipped.id(q))).toBe(json);
    }
    expect(listed).toBe(quotes.length);
    expect(shipped.speakerCount).toBeGreaterThan(3);
  });

  it('the whole index file (Firefox reads it in one piece) answers as its two parts do', async () => {
    const { corpus, page } = generatedCorpus(RECORD_SHARD_QUOTES * 2 + 5);
    const packed = packValidCorpus(corpus, 'generated.json');
    const [first, second] = indexParts(packed.index);
    // Both parts carry a real share of the file: the match index and the quote table, then the texts and ids.
    expect(Math.min(first.byteLength, second.byteLength)).toBeGreaterThan(packed.index.byteLength / 5);
    const request: ScanRequest = { type: 'qv:scan', text: page };
    const fromParts = await hosts(packed).shipped.scanSliced(request, noPause);
    expect(fromParts.findings.filter((f) => f.verdict === 'verified').length).toBeGreaterThan(20);
    expect(await hosts(packed, true).shipped.scanSliced(request, noPause)).toEqual(fromParts);
  });

  it('a lookup hashes every wording first, a step per task: the same answers, other messages served between steps', async () => {
    const { corpus } = generatedCorpus(9000);
    const packed = packValidCorpus(corpus, 'generated.json');
    const bytes = new TextEncoder().encode(packed.json);
    let pauses = 0;
    const shipped = createShippedHost(openShippedIndex(packed.index), {
      readCorpus: async (start, end) => bytes.slice(start, end),
      corpusSha256: packed.sha256,
      pause: async () => {
        pauses++;
      },
    });
    const built = createHost(JSON.parse(packed.json), { sha256: packed.sha256 });
    // A word no trigram holds: the lookup's shortlist scans every wording's words.
    const lookup = { type: 'qv:lookup' as const, text: corpus.quotes[4321]!.text.split(' ').slice(2, 4).join(' ') };
    expect(await shipped.lookup(lookup)).toEqual(built.lookup(lookup));
    expect(pauses).toBeGreaterThanOrEqual(2);
    const after = pauses;
    expect(await shipped.search({ type: 'qv:search', query: 'speaker number 3' })).toEqual(built.search({ type: 'qv:search', query: 'speaker number 3' }));
    expect(pauses).toBe(after);
  });

  it('ships no word hashes: the engine hashes candidates, and the lookup every wording, from the texts as the build did', () => {
    const { corpus } = generatedCorpus(RECORD_SHARD_QUOTES + 9);
    const shipped = openShippedIndex(packValidCorpus(corpus, 'generated.json').index);
    expect(shipped.index.wordHashes).toBeUndefined();
    const built = buildIndex(corpus.quotes);
    const texts = corpus.quotes.map((q) => ({ id: q.id, text: q.text }));
    const engine = new Engine(texts, shipped.index);
    expect(Array.from(engine.allWordHashes())).toEqual(Array.from(built.wordHashes!));
    for (const q of [0, 7, RECORD_SHARD_QUOTES + 8]) expect(Array.from(engine.quoteHashes(q))).toEqual(Array.from(new Engine(texts, built).quoteHashes(q)));
    // Every bucket where the built index has it.
    for (let b = 0; b < built.buckets.count; b++) {
      if (shipped.index.buckets.size(b) !== built.buckets.size(b) || (built.buckets.size(b) > 0 && shipped.index.buckets.start(b) !== built.buckets.start(b))) {
        throw new Error(`bucket ${b}: shipped ${shipped.index.buckets.start(b)}+${shipped.index.buckets.size(b)}, built ${built.buckets.start(b)}+${built.buckets.size(b)}`);
      }
    }
  });

  it('refuses parts cut anywhere but where its sections allow, and parts that do not add up', () => {
    const packed = packValidCorpus(corpusFile('data/corpus.json'), 'corpus.json');
    const { splitAt } = shippedIndexParts(packed.index);
    expect(() => openShippedIndex([packed.index.slice(0, splitAt + 4), packed.index.slice(splitAt + 4)])).toThrow(/not where its sections allow/);
    expect(() => openShippedIndex([packed.index.slice(0, splitAt), packed.index.slice(splitAt, -4)])).toThrow(/truncated or padded/);
    expect(() => shippedIndexParts(new Uint8Array(SHIPPED_HEADER_BYTES))).toThrow(IndexError);
  });

  it('the cut nearer the middle: after the match index for long texts of few words, where the heaps start for texts that repeat nothing', async () => {
    const cutAfterIndex = (index: Uint8Array) => shippedIndexParts(index).splitAt === SHIPPED_HEADER_BYTES + new Uint32Array(index.buffer, index.byteOffset, 16)[5]! * 4;
    const { corpus, page } = generatedCorpus(600);
    let seed = 5;
    // The high bits of a linear congruential generator (its low bits repeat within a few draws).
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % n;
    // 80 words from a vocabulary of 40: the texts code to a byte a word, the match index
    // holds about 3 bytes a trigram (every trigram is new) and outweighs the heaps.
    const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i.toString(36)}ord`);
    const few = corpus.quotes.map((q) => ({ ...q, text: Array.from({ length: 80 }, () => vocabulary[next(40)]).join(' ') }));
    // Long texts of made-up words: the heaps outweigh the match index.
    const letter = () => String.fromCharCode(97 + next(26));
    const unique = corpus.quotes.map((q) => ({ ...q, text: `${q.text} ${Array.from({ length: 120 }, () => Array.from({ length: 7 }, letter).join('')).join(' ')}` }));
    for (const [quotes, afterIndex] of [[few, true], [unique, false]] as const) {
      const packed = packValidCorpus({ ...corpus, quotes }, 'cut.json');
      expect(cutAfterIndex(packed.index)).toBe(afterIndex);
      const { built, shipped } = hosts(packed);
      const request: ScanRequest = { type: 'qv:scan', text: `${page} He said: “${quotes[5]!.text}”` };
      const want = built.scan(request);
      expect(want.findings.some((f) => f.verdict === 'verified' && f.quoteId === quotes[5]!.id)).toBe(true);
      expect(await shipped.scanSliced(request, noPause)).toEqual(want);
    }
  });

  it('a corpus with other wordings (originals, translations, outlet wordings): same answers', async () => {
    const pages = [
      `Peskov said: “${RU_ORIGINAL}.”`,
      `Песков заявил: «${RU_ORIGINAL}».`,
      `Песков: «${RU_DECOY}».`,
      `Peskov said: “${EN_WIRE}.”`,
      `Peskov said: “${EN_DECOY}.”`,
      `«${RU_TRANSLATION_FIXTURE}», — сказал Песков.`,
    ];
    let named = 0;
    for (const quotes of [WITH_ORIGINAL, WITH_TRANSLATION, WITH_WIRE]) {
      const corpus: Corpus = Corpus.parse({ version: 1, name: 'Wordings', documents: [], quotes });
      const { built, shipped } = hosts(packValidCorpus(corpus, 'wordings.json'));
      for (const text of pages) {
        const request: ScanRequest = { type: 'qv:scan', text };
        const want = built.scan(request);
        named += want.findings.filter((f) => f.wording !== undefined).length;
        expect(await shipped.scanSliced(request, noPause), text).toEqual(want);
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('every piece of corpus.json checks out, and one changed byte refuses the host', async () => {
    const { corpus } = generatedCorpus(RECORD_SHARD_QUOTES + 3);
    const packed = packValidCorpus(corpus, 'generated.json');
    expect((await hosts(packed).shipped.verifyCorpus(noPause))).toBe(true);
    const bytes = new TextEncoder().encode(packed.json);
    bytes[bytes.length - 3]! ^= 1;
    const refusals: string[] = [];
    const shipped = createShippedHost(openShippedIndex(packed.index), {
      readCorpus: async (s, e) => bytes.slice(s, e),
      corpusSha256: packed.sha256,
      onRefused: (status) => refusals.push(status.ok ? '' : status.error),
    });
    expect(await shipped.verifyCorpus(noPause)).toBe(false);
    expect(refusals).toEqual([expect.stringMatching(/corpus\.json failed its integrity check/)]);
    expect(shipped.corpus).toMatchObject({ ok: false, reason: 'integrity' });
    expect((await shipped.scanSliced({ type: 'qv:scan', text: `“${corpus.quotes[0]!.text}”` }, noPause)).findings).toEqual([]);
  });

  it('an index made for another corpus file is refused', () => {
    const packed = packValidCorpus(corpusFile('data/corpus.json'), 'corpus.json');
    const shipped = createShippedHost(openShippedIndex(packed.index), { readCorpus: async () => new Uint8Array(), corpusSha256: '0'.repeat(64) });
    expect(shipped.corpus).toMatchObject({ ok: false, reason: 'integrity' });
  });
});
