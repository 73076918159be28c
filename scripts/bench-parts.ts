/**
 * Where the time of matching 500 spans goes (CPU time, so a busy machine
 * does not blur it): normalization, tokenization, and the whole matcher.
 * A development aid next to `npm run bench`: `node --import tsx scripts/bench-parts.ts [quotes]`.
 */
import { createMatcher } from '../src/match/index';
import { tokenize } from '../src/match/tokenize';
import { normalize } from '../src/text/normalize';
import { makeCorpus, makeSpans } from './bench-data';

const size = Number(process.argv[2] ?? 10_000);
const corpus = makeCorpus(size, 1000 + size);
const spans = makeSpans(corpus, 7 + size).map((s) => s.input);
const matcher = createMatcher(corpus.quotes);

function cpu(name: string, fn: () => void): void {
  const runs: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    runs.push((d.user + d.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(28)} ${runs[4]!.toFixed(2)} ms (CPU, median of 9)`);
}

cpu('normalize 500 spans', () => spans.forEach((s) => normalize(s.text)));
cpu('tokenize 500 spans', () => spans.forEach((s) => tokenize(s.text)));
cpu('matchSpans 500 spans', () => matcher.matchSpans(spans));
