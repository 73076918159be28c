/**
 * `npm run bench`: the matching engine against synthetic corpora of 10, 10k
 * and 100k quotes, with naive fuse.js as the baseline in the same run.
 *
 * Data: news-like sentences of 8-40 words drawn from a seeded PRNG over a
 * Zipf-distributed vocabulary. 500 spans per corpus: 100 exact (typography
 * changed), 100 edited (1-3 word substitutions, insertions or deletions
 * inside the quotation), 100 truncated to the middle 60%, 100 embedded in
 * longer text (50 as a longer quoted passage, 50 in text without quotation
 * marks), 100 unrelated. Reports speed, index build/size/load, memory,
 * recall and false positives, and prints a markdown table for
 * docs/benchmarks.md.
 *
 * fuse.js costs about a second per span at 10k quotes, so it is sampled
 * there and at 100k (the table says how many spans).
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Fuse from 'fuse.js';
import {
  buildIndex,
  createMatcher,
  indexByteSize,
  loadIndex,
  serializeIndex,
  type Finding,
  type MatcherQuote,
} from '../src/match/index';
import { makeCorpus, makePage, makeSpans, type BenchSpan } from './bench-data';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---- Measurement -----------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

/** CPU time of the process (user + system), in ms: steadier than wall time on a busy machine. */
function cpuTime<T>(fn: () => T): [T, number] {
  const t = process.cpuUsage();
  const r = fn();
  const d = process.cpuUsage(t);
  return [r, (d.user + d.system) / 1000];
}

interface Quality {
  exact: number;
  edited: number;
  truncated: number;
  embedded: number;
  editedAsAltered: number;
  truncatedVerified: number;
  truncatedNegation: number;
  falsePositives: number;
}

function quality(spans: BenchSpan[], results: Finding[][]): Quality {
  const counts = {
    exact: 0,
    edited: 0,
    truncated: 0,
    embedded: 0,
    editedAsAltered: 0,
    truncatedVerified: 0,
    truncatedNegation: 0,
    falsePositives: 0,
  };
  spans.forEach((s, i) => {
    const fs = results[i]!;
    const hit = fs.find((f) => f.quoteId === s.quoteId && f.verdict !== 'unverified');
    if (s.kind === 'unrelated') {
      if (fs.some((f) => f.quoteId !== undefined)) counts.falsePositives++;
      return;
    }
    if (s.kind === 'exact' && hit?.verdict === 'verified' && hit.score === 1) counts.exact++;
    if (s.kind === 'edited' && hit) {
      counts.edited++;
      if (hit.verdict === 'altered') counts.editedAsAltered++;
    }
    if (s.kind === 'truncated' && hit) {
      counts.truncated++;
      if (hit.verdict === 'verified') counts.truncatedVerified++;
      // A cut just after "not" drops the negation: altered by design.
      else if (hit.flags.includes('negation')) counts.truncatedNegation++;
    }
    if (s.kind === 'embedded' && hit?.verdict === 'verified') counts.embedded++;
  });
  return counts;
}

interface Row {
  size: number;
  buildMs: number;
  indexBytes: number;
  serializedBytes: number;
  loadMs: number;
  heapMB: number;
  coldMs: number;
  warmMs: number;
  bestMs: number;
  warmCpuMs: number;
  pageMs: number;
  pageChars: number;
  q: Quality;
  fuse: { spans: number; msPerSpan: number; hits: number; falsePositives: number; unrelated: number };
}

const WARM_RUNS = 9;
const PAGE_RUNS = 5;
const FUSE_SAMPLES: Record<number, number> = { 10: 500, 10000: 10, 100000: 2 };

function benchFuse(quotes: MatcherQuote[], spans: BenchSpan[], samples: number): Row['fuse'] {
  const fuse = new Fuse(
    quotes.map((q) => q.text),
    { includeScore: true, threshold: 0.2, ignoreLocation: true, ignoreFieldNorm: true },
  );
  // Spread the sample over the span kinds.
  const step = Math.max(1, Math.floor(spans.length / samples));
  const chosen = spans.filter((_, i) => i % step === 0).slice(0, samples);
  let hits = 0;
  let falsePositives = 0;
  let unrelated = 0;
  const t = performance.now();
  for (const s of chosen) {
    const top = fuse.search(s.input.text, { limit: 1 })[0];
    if (s.kind === 'unrelated') {
      unrelated++;
      if (top) falsePositives++;
    } else if (top && quotes[top.refIndex]!.id === s.quoteId) hits++;
  }
  const ms = performance.now() - t;
  return { spans: chosen.length, msPerSpan: ms / chosen.length, hits, falsePositives, unrelated };
}

function benchSize(size: number): Row {
  const corpus = makeCorpus(size, 1000 + size);
  const spans = makeSpans(corpus, 7 + size);
  const inputs = spans.map((s) => s.input);

  const [index, buildMs] = time(() => buildIndex(corpus.quotes));
  const bytes = serializeIndex(index);
  const loadTimes: number[] = [];
  for (let k = 0; k < 5; k++) loadTimes.push(time(() => loadIndex(bytes, corpus.quotes))[1]);

  // Memory of a matcher as the background holds it: the index bytes as read
  // from disk (a copy), the views on them, the engine's scratch arrays and
  // caches after a run. Typed arrays live outside the JS heap, so both count.
  const memory = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  gc();
  const before = memory();
  const matcher = createMatcher(corpus.quotes, loadIndex(bytes.slice(), corpus.quotes));
  const [first, coldMs] = time(() => matcher.matchSpans(inputs));
  gc();
  gc();
  const heapMB = (memory() - before) / 2 ** 20;

  for (let k = 0; k < 3; k++) matcher.matchSpans(inputs); // let the JIT settle
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let k = 0; k < WARM_RUNS; k++) {
    warm.push(time(() => matcher.matchSpans(inputs))[1]);
    warmCpu.push(cpuTime(() => matcher.matchSpans(inputs))[1]);
  }
  // The same spans on a page of about 1 MB (the background's `findAll` on a
  // tab's whole text: quoted spans, text outside quotation marks, attribution).
  const page = makePage(spans, 1_000_000, 99 + size);
  const pageRuns: number[] = [];
  for (let k = 0; k < PAGE_RUNS; k++) pageRuns.push(time(() => matcher.findAll(page))[1]);
  const row: Row = {
    size,
    buildMs,
    indexBytes: indexByteSize(index),
    serializedBytes: bytes.byteLength,
    loadMs: median(loadTimes),
    heapMB,
    coldMs,
    warmMs: median(warm),
    bestMs: Math.min(...warm),
    warmCpuMs: median(warmCpu),
    pageMs: median(pageRuns),
    pageChars: page.length,
    q: quality(spans, first),
    // BENCH_FUSE=0 skips the baseline (for profiling the engine alone).
    fuse:
      process.env.BENCH_FUSE === '0'
        ? { spans: 0, msPerSpan: 0, hits: 0, falsePositives: 0, unrelated: 0 }
        : benchFuse(corpus.quotes, spans, FUSE_SAMPLES[size] ?? 2),
  };
  return row;
}

const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function table(rows: Row[]): string {
  const head = ['', ...rows.map((r) => `${r.size.toLocaleString('en')} quotes`)];
  const line = (name: string, f: (r: Row) => string) => `| ${name} | ${rows.map(f).join(' | ')} |`;
  const out = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    line(`500 spans, warm (median of ${WARM_RUNS}, after 3 unmeasured)`, (r) => `${ms(r.warmMs)} ms`),
    line(`500 spans, warm (best of ${WARM_RUNS})`, (r) => `${ms(r.bestMs)} ms`),
    line(`500 spans, warm, CPU time (median of ${WARM_RUNS})`, (r) => `${ms(r.warmCpuMs)} ms`),
    line('500 spans, first run', (r) => `${ms(r.coldMs)} ms`),
    line('spans per second (warm)', (r) => Math.round(500 / (r.warmMs / 1000)).toLocaleString('en')),
    line(`findAll on a ${(rows[0]!.pageChars / 1e6).toFixed(1)} MB page holding the spans (median of ${PAGE_RUNS})`, (r) => `${ms(r.pageMs)} ms`),
    line('index build', (r) => `${ms(r.buildMs)} ms`),
    line('index arrays in memory', (r) => `${mb(r.indexBytes)} MB`),
    line('serialized index', (r) => `${mb(r.serializedBytes)} MB`),
    line('index load (median of 5)', (r) => `${ms(r.loadMs)} ms`),
    line('matcher memory (heap + typed arrays)', (r) => `${r.heapMB.toFixed(1)} MB`),
    line('exact: verified', (r) => `${r.q.exact}/100`),
    line('edited: found (recall)', (r) => `${r.q.edited}/100`),
    line('edited: verdict altered', (r) => `${r.q.editedAsAltered}/100`),
    line('truncated: found (recall)', (r) => `${r.q.truncated}/100`),
    line('truncated: verified excerpt', (r) => `${r.q.truncatedVerified}/100`),
    line('truncated: altered, the cut drops a negation', (r) => `${r.q.truncatedNegation}/100`),
    line('recall, edited + truncated', (r) => ((r.q.edited + r.q.truncated) / 200).toFixed(3)),
    line('embedded: verified', (r) => `${r.q.embedded}/100`),
    line('false positives on 100 unrelated', (r) => `${r.q.falsePositives}`),
    line('fuse.js baseline: spans run', (r) => `${r.fuse.spans}${r.fuse.spans < 500 ? ' (sampled)' : ''}`),
    line('fuse.js: ms per span', (r) => ms(r.fuse.msPerSpan)),
    line('fuse.js: 500 spans (extrapolated if sampled)', (r) => {
      const t = r.fuse.msPerSpan * 500;
      return t > 60_000 ? `~${(t / 60_000).toFixed(1)} min` : t > 1000 ? `${(t / 1000).toFixed(1)} s` : `${ms(t)} ms`;
    }),
    line('fuse.js: right quote on top (sampled spans with a source)', (r) => `${r.fuse.hits}/${r.fuse.spans - r.fuse.unrelated}`),
    line('fuse.js: false positives (sampled unrelated)', (r) => `${r.fuse.falsePositives}/${r.fuse.unrelated}`),
  ];
  return out.join('\n');
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const rows: Row[] = [];
const started = performance.now();
for (const size of sizes.length > 0 ? sizes : [10, 10_000, 100_000]) {
  process.stderr.write(`bench: ${size} quotes...\n`);
  rows.push(benchSize(size));
}
console.log(
  `\nMatching benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform} ${process.arch}, ` +
    `${cpus().length} cores, load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
);
console.log(table(rows));
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
