/**
 * `npm run bench:search`: the popup's corpus search (src/host/search.ts) on the
 * synthetic corpus of scripts/bench-data.ts, 100k quotes by default (sizes can be
 * given as arguments: `npm run bench:search -- 10000 100000`).
 *
 * Queries (seeded, deterministic):
 * - words: 3-5 consecutive words of a random quote, at least two of them not
 *   among the 200 commonest words (what a reader remembers of a quotation);
 * - typo: the same with one letter dropped from its longest word;
 * - speaker: a speaker's alias ("Number17"), or their full name;
 * - unrelated: words that are in no quote.
 * For each kind: wall time per query (median, p95, max), and how often the quote
 * the words came from is the first hit and among the hits shown (12).
 * The first search builds the speaker index; it is timed apart. A naive fuse.js
 * scan of every quote (what the index saves) is timed on a few queries.
 */
import { cpus, loadavg } from 'node:os';
import Fuse from 'fuse.js';
import type { Quote } from '../src/corpus/schema';
import { createMatcher } from '../src/match/index';
import { createCorpusSearch, SEARCH_DEFAULT_HITS } from '../src/host/search';
import { makeCorpus, makeGen, type Gen } from './bench-data';

const QUERIES_PER_KIND = 200;
const SPEAKER_QUERIES = 100;
const NAIVE_FUSE_SAMPLE = 3;
/** Words this common say little about which quote is meant; a reader's query holds rarer ones. */
const COMMON_WORD_RANK = 200;

type Kind = 'words' | 'typo' | 'speaker' | 'unrelated';
interface Query {
  kind: Kind;
  text: string;
  /** The quote the words came from (words, typo). */
  quoteId?: string;
  /** The speaker the name names (speaker). */
  speaker?: string;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

function searchable(n: number): { quotes: Quote[]; words: string[][] } {
  const { quotes, words } = makeCorpus(n, 42);
  const g = makeGen(7);
  const full: Quote[] = quotes.map((q, i) => {
    const year = 1990 + Math.floor(g.rand() * 36);
    const month = 1 + Math.floor(g.rand() * 12);
    return {
      id: q.id,
      text: q.text,
      kind: 'direct',
      speaker: q.speaker,
      date: `${year}-${String(month).padStart(2, '0')}`,
      datePrecision: 'month',
      dateBasis: 'imported',
      sources: [{ docId: `doc${i % 5000}`, title: `Source document ${i % 5000}`, url: `https://example.org/doc/${i % 5000}` }],
      context: '',
    };
  });
  return { quotes: full, words };
}

function makeQueries(quotes: Quote[], words: string[][], g: Gen): Query[] {
  const freq = new Map<string, number>();
  for (const ws of words) for (const w of ws) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
  const common = new Set([...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, COMMON_WORD_RANK).map(([w]) => w));
  const out: Query[] = [];
  const pick = () => Math.floor(g.rand() * quotes.length);
  while (out.filter((q) => q.kind === 'words').length < QUERIES_PER_KIND) {
    const i = pick();
    const ws = words[i]!;
    const len = 3 + Math.floor(g.rand() * 3);
    if (ws.length < len) continue;
    const at = Math.floor(g.rand() * (ws.length - len + 1));
    const span = ws.slice(at, at + len);
    if (span.filter((w) => !common.has(w.toLowerCase())).length < 2) continue;
    out.push({ kind: 'words', text: span.join(' '), quoteId: quotes[i]!.id });
    const longest = span.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length >= 5) {
      const cut = 1 + Math.floor(g.rand() * (longest.length - 2));
      const typo = span.map((w) => (w === longest ? w.slice(0, cut) + w.slice(cut + 1) : w)).join(' ');
      out.push({ kind: 'typo', text: typo, quoteId: quotes[i]!.id });
    }
  }
  for (let k = 0; k < SPEAKER_QUERIES; k++) {
    const q = quotes[pick()]!;
    const alias = q.speaker.aliases?.[0];
    out.push({ kind: 'speaker', text: k % 2 === 0 && alias ? alias : q.speaker.name, speaker: q.speaker.name });
  }
  const nonsense = ['xylophone quartz', 'zebra migration patterns', 'quantum saxophone recital', 'marmalade sandwich recipe', 'glacier tourism boom'];
  for (let k = 0; k < QUERIES_PER_KIND; k++) out.push({ kind: 'unrelated', text: nonsense[k % nonsense.length]! });
  return out;
}

function run(n: number): void {
  const { quotes, words } = searchable(n);
  const t0 = performance.now();
  const matcher = createMatcher(quotes);
  const indexMs = performance.now() - t0;
  const search = createCorpusSearch(quotes, (text) => matcher.lookup(text));
  const queries = makeQueries(quotes, words, makeGen(99));

  const t1 = performance.now();
  search.search('Speaker Number1');
  const firstMs = performance.now() - t1;
  // Warm-up: V8 compiles the search and the lookup before the timed runs.
  for (const q of queries.slice(0, 20)) search.search(q.text);

  const byKind = new Map<Kind, { ms: number[]; cpu: number[]; top1: number; shown: number; speakerOk: number; empty: number }>();
  for (const q of queries) {
    const c = process.cpuUsage();
    const t = performance.now();
    const hits = search.search(q.text);
    const ms = performance.now() - t;
    const dc = process.cpuUsage(c);
    let s = byKind.get(q.kind);
    if (!s) byKind.set(q.kind, (s = { ms: [], cpu: [], top1: 0, shown: 0, speakerOk: 0, empty: 0 }));
    s.ms.push(ms);
    s.cpu.push((dc.user + dc.system) / 1000);
    if (q.quoteId !== undefined) {
      if (hits[0]?.quoteId === q.quoteId) s.top1++;
      if (hits.slice(0, SEARCH_DEFAULT_HITS).some((h) => h.quoteId === q.quoteId)) s.shown++;
    }
    if (q.speaker !== undefined && hits.length > 0 && hits.every((h) => h.speaker === q.speaker)) s.speakerOk++;
    if (hits.length === 0) s.empty++;
  }

  // The naive alternative: fuse.js over every quote, for a few queries.
  const fuse = new Fuse(quotes.map((q) => q.text), { ignoreLocation: true, ignoreFieldNorm: true, threshold: 0.4 });
  const naive: number[] = [];
  for (const q of queries.filter((x) => x.kind === 'words').slice(0, NAIVE_FUSE_SAMPLE)) {
    const t = performance.now();
    fuse.search(q.text, { limit: SEARCH_DEFAULT_HITS });
    naive.push(performance.now() - t);
  }

  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  console.log(`\n## ${n.toLocaleString('en')} quotes (index build ${f(indexMs)} ms, first search incl. speaker index ${f(firstMs)} ms)\n`);
  console.log('| Queries | n | median ms | p95 ms | max ms | median CPU ms | source quote first | source quote among hits shown | right speaker only | no hits |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [kind, s] of byKind) {
    const cnt = s.ms.length;
    const src = kind === 'words' || kind === 'typo';
    console.log(
      `| ${kind} | ${cnt} | ${f(percentile(s.ms, 0.5))} | ${f(percentile(s.ms, 0.95))} | ${f(Math.max(...s.ms))} | ${f(percentile(s.cpu, 0.5))} | ` +
        `${src ? `${s.top1}/${cnt}` : '–'} | ${src ? `${s.shown}/${cnt}` : '–'} | ${kind === 'speaker' ? `${s.speakerOk}/${cnt}` : '–'} | ${s.empty}/${cnt} |`,
    );
  }
  console.log(`\nNaive fuse.js over all ${n.toLocaleString('en')} quotes: ${naive.map(f).join(', ')} ms per query (${naive.length} queries).`);
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const n of sizes.length ? sizes : [100_000]) run(n);
