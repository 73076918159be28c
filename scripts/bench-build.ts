/**
 * `npm run bench:build`: corpus builder throughput on generated articles
 * (docs/benchmarks.md, "Corpus builder throughput"). Writes N seeded
 * news-like articles (Markdown with front matter; speakers, titles, partial
 * quotations, pronouns, continuations, date phrases) to a temporary folder,
 * builds them with the real `buildCorpus`, and prints wall time, articles per
 * second, heap at each quarter of the run, and the ratio of the per-article
 * time against a baseline of N/10 articles built in the same run (1.0 means
 * linear). Checks that it measured what it claims: every article's quotations
 * are in the corpus with the right speaker.
 * Usage: npm run bench:build [-- <articles>]   (default 10000)
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from '../src/corpus/build';

const N = Number(process.argv[2] ?? 10_000);
const BASELINE = Math.max(100, Math.round(N / 10));

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const FIRST = ['Jane', 'John', 'Maria', 'Peter', 'Anna', 'David', 'Laura', 'Tomas', 'Ines', 'Omar', 'Greta', 'Paul'];
const LAST = ['Roe', 'Doe', 'Lind', 'Berg', 'Novak', 'Wahl', 'Quist', 'Brandt', 'Lopes', 'Okafor', 'Haddad', 'Meyer'];
const ROLES = ['Mayor', 'Senator', 'council chairwoman', 'harbour director', 'union leader', 'Finance Minister'];
const TOPICS = ['the ferry', 'the budget', 'the harbour wall', 'the night buses', 'the school roof', 'the new bridge'];
const WORDS = 'we will keep the service running through the winter and nobody will be left behind by this council whatever the cost'.split(' ');
const sentence = (n: number) => {
  const w = Array.from({ length: n }, () => pick(WORDS)).join(' ');
  return w.charAt(0).toUpperCase() + w.slice(1);
};

function article(i: number): { text: string; speakers: string[] } {
  const a = `${pick(FIRST)} ${pick(LAST)}`;
  let b = `${pick(FIRST)} ${pick(LAST)}`;
  if (b === a) b = `${b}son`;
  const day = (i % 28) + 1;
  const text = `---
title: Council debates ${pick(TOPICS)} (${i})
published: 2024-03-${String(day).padStart(2, '0')}
---

${pick(ROLES)} ${a} spoke after the vote on ${pick(TOPICS)} on Tuesday.

“${sentence(12)},” ${a} said. “${sentence(9)}.”

${b}, a member of the opposition, called the plan “${sentence(4).toLowerCase()}” in a statement last month.

According to ${b}, the council must “${sentence(5).toLowerCase()}.”

“${sentence(10)},” ${b.split(' ')[1]} told reporters.
`;
  return { text, speakers: [a, a, b, b, b] };
}

async function run(count: number, label: string) {
  const dir = await mkdtemp(join(tmpdir(), 'qv-bench-build-'));
  const expected = new Map<string, number>();
  try {
    for (let i = 0; i < count; i++) {
      const sub = join(dir, String(Math.floor(i / 1000)));
      if (i % 1000 === 0) await mkdir(sub);
      const { text, speakers } = article(i);
      for (const s of speakers) expected.set(s, (expected.get(s) ?? 0) + 1);
      await writeFile(join(sub, `a${i}.md`), text);
    }
    global.gc?.();
    const heap: string[] = [];
    let next = 1;
    let attributedMs = 0;
    const heapBytes: number[] = [];
    const t0 = performance.now();
    const result = await buildCorpus({
      dir,
      onProgress: ({ stage, done, total }) => {
        if (stage === 'merge' && done === 0) attributedMs = performance.now() - t0;
        if (stage === 'documents' && done >= (next * total) / 4) {
          // Retained memory, not garbage waiting for collection: collect before reading the heap.
          global.gc?.();
          heapBytes.push(process.memoryUsage().heapUsed);
          heap.push(`${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
          if (label === 'main') process.stderr.write(`[${done}/${total}] ${(performance.now() - t0).toFixed(0)} ms\n`);
          next++;
        }
      },
    });
    const ms = performance.now() - t0;
    // Measured what it claims: every generated quotation, with its speaker.
    const got = new Map<string, number>();
    for (const q of result.corpus.quotes) for (const _ of q.sources) got.set(q.speaker.name, (got.get(q.speaker.name) ?? 0) + 1);
    const want = [...expected.values()].reduce((x, y) => x + y, 0);
    const have = [...got.values()].reduce((x, y) => x + y, 0);
    if (have !== want) throw new Error(`${label}: expected ${want} quotation sources, the corpus has ${have}`);
    return { ms, attributedMs, heap, heapBytes, quotes: result.corpus.quotes.length, sources: have, rss: process.memoryUsage().rss, jsonBytes: Buffer.byteLength(result.json) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const base = await run(BASELINE, 'baseline');
const main = await run(N, 'main');
const perBase = base.ms / BASELINE;
const perMain = main.ms / N;
console.log(`Node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`baseline: ${BASELINE} articles in ${(base.ms / 1000).toFixed(1)} s (${(BASELINE / (base.ms / 1000)).toFixed(0)} articles/s)`);
console.log(`${N} articles in ${(main.ms / 1000).toFixed(1)} s (${(N / (main.ms / 1000)).toFixed(0)} articles/s), ${main.sources} quotation sources, ${main.quotes} records`);
console.log(`read and attributed in ${(main.attributedMs / 1000).toFixed(1)} s, merged and checked in ${((main.ms - main.attributedMs) / 1000).toFixed(1)} s`);
console.log(`heap after GC at 25/50/75/100% of the documents: ${main.heap.join(', ')}; rss at the end ${(main.rss / 1e6).toFixed(0)} MB`);
// What the heap holds is the corpus being built (its records, with their context paragraphs), not the documents:
// growth per article against the corpus file's bytes per article.
const grown = (main.heapBytes[main.heapBytes.length - 1]! - main.heapBytes[0]!) / (N * 0.75);
console.log(`heap growth ${(grown / 1000).toFixed(1)} kB per article while the corpus file takes ${(main.jsonBytes / N / 1000).toFixed(1)} kB per article (${(main.jsonBytes / 1e6).toFixed(0)} MB): the records, not the documents' text`);
console.log(`per-article time ${N} vs ${BASELINE}: ${(perMain / perBase).toFixed(2)}x (1.0 = linear)`);
