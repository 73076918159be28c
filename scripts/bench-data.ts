/**
 * Synthetic data for the matching benchmark (scripts/bench-match.ts):
 * news-like sentences of 8-40 words from a seeded PRNG over a
 * Zipf-distributed vocabulary, and the 500 spans matched against them.
 */
import type { MatcherQuote, SpanInput } from '../src/match/index';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_WORDS = `the of and to a in that is for it on with as was he be by at this have from or had not are but
were they which you one all we there their been has will would more if no when out so what up about can who
said into them than its only could other time new some these two may first then do any like my now over such our
man me even most made after also did many before must through back years where much your way well down should
because each just those people how too little state good very make world still own see men work long get here
between both life being under never day same another know while last might us great old year off come since
against go came right used take three president minister government war peace talks ceasefire truce kremlin
spokesman ukraine russia europe moscow kyiv washington negotiations agreement agreements proposal proposals
security troops military forces territory regions border sanctions economy energy gas oil prices market markets
week month today yesterday tomorrow statement statements meeting summit leaders officials diplomats conditions
goals achieved discussed early ahead ready basis possibility rules texts articles newspaper respond seen response
position positions demands guarantees international community pressure support weapons attack attacks strikes
drones missile missiles defense defence army soldiers civilians infrastructure power plant nuclear water food
grain ships port ports sea black baltic north south east west western eastern allies partners partner nato union
european american russian ukrainian french german british chinese turkish plan plans framework process stage
phase round delegation envoy envoys mediator mediators istanbul minsk geneva berlin paris london beijing ankara
deal deals offer offers offered rejected accepted considered insisted warned stressed noted added told asked
reporters journalists press conference briefing interview television channel sources report reports reported
claimed claims denied confirmed announced decided decision decisions law laws court courts vote votes voters
election elections campaign party parties opposition parliament duma senate congress committee council members
member country countries nation nations people citizens public opinion poll polls survey analysis experts
expert analysts analyst observers situation crisis conflict fighting front line lines positions advance retreat
losses victory defeat future history historical current recent previous next final full complete partial clear
serious important necessary possible impossible difficult easy quick slow strong weak large small major minor`
  .split(/\s+/)
  .filter(Boolean);

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vor', 'del', 'un', 'sko', 'pra', 'vel', 'tin', 'gor', 'bar', 'nes', 'ol', 'ast', 'im', 'ric', 'zen'];

/** A vocabulary of real words plus pseudo-words, ranked for a Zipf draw. */
function vocabulary(rand: () => number, size: number): string[] {
  const words = [...new Set(BASE_WORDS)];
  const seen = new Set(words);
  while (words.length < size) {
    let w = '';
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!;
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

function zipfSampler(rand: () => number, n: number, s = 1.0): () => number {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cum[i] = total;
  }
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface Gen {
  rand: () => number;
  vocab: string[];
  pick: () => string;
}

export function makeGen(seed: number): Gen {
  const rand = mulberry32(seed);
  const vocab = vocabulary(rand, 6000);
  const z = zipfSampler(rand, vocab.length, 0.95);
  return { rand, vocab, pick: () => vocab[z()]! };
}

export function sentenceWords(g: Gen, min = 8, max = 40): string[] {
  const n = min + Math.floor(g.rand() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(g.pick());
  return out;
}

export function render(words: string[]): string {
  let s = '';
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
    s += (i > 0 ? ' ' : '') + w;
    if (i > 2 && i < words.length - 2 && (i * 7919) % 11 === 0) s += ',';
  }
  return s + '.';
}

const SPEAKERS = Array.from({ length: 50 }, (_, i) => ({ name: `Speaker Number${i}`, aliases: [`Number${i}`] }));

export function makeCorpus(n: number, seed: number): { quotes: MatcherQuote[]; words: string[][] } {
  const g = makeGen(seed);
  const quotes: MatcherQuote[] = [];
  const words: string[][] = [];
  for (let i = 0; i < n; i++) {
    const w = sentenceWords(g);
    words.push(w);
    quotes.push({ id: 'q_' + (i + 1).toString(16).padStart(12, '0'), text: render(w), speaker: SPEAKERS[i % SPEAKERS.length]! });
  }
  return { quotes, words };
}

/** Typography a page applies: curly quotes and apostrophes, NBSP, soft hyphen, zero-width space, a dash. */
function typography(g: Gen, text: string): string {
  let s = text.replace(/'/g, '\u2019');
  const parts = s.split(' ');
  for (let k = 0; k < 3; k++) {
    const i = Math.floor(g.rand() * (parts.length - 1));
    parts[i] = parts[i]! + '\u00A0';
  }
  const long = parts.findIndex((p) => p.length > 6);
  if (long >= 0) parts[long] = parts[long]!.slice(0, 3) + '\u00AD' + parts[long]!.slice(3);
  const z = Math.floor(g.rand() * parts.length);
  parts[z] = parts[z]! + '\u200B';
  s = parts.join(' ').replace(/\u00A0 /g, '\u00A0');
  return s.replace(/, /, ' \u2014 ');
}

export type Kind = 'exact' | 'edited' | 'truncated' | 'embedded' | 'unrelated';

export interface BenchSpan {
  kind: Kind;
  input: SpanInput;
  /** Expected quote id (none for unrelated). */
  quoteId?: string;
}

export function makeSpans(corpus: { quotes: MatcherQuote[]; words: string[][] }, seed: number): BenchSpan[] {
  const g = makeGen(seed);
  const n = corpus.quotes.length;
  const pickQuote = () => Math.floor(g.rand() * n);
  const spans: BenchSpan[] = [];
  for (let i = 0; i < 100; i++) {
    const q = pickQuote();
    spans.push({ kind: 'exact', input: { text: typography(g, corpus.quotes[q]!.text) }, quoteId: corpus.quotes[q]!.id });
  }
  for (let i = 0; i < 100; i++) {
    const q = pickQuote();
    const w = [...corpus.words[q]!];
    const edits = 1 + Math.floor(g.rand() * 3);
    for (let e = 0; e < edits; e++) {
      const kind = Math.floor(g.rand() * 3);
      // Inside the quotation: a deletion at an end would just be an excerpt.
      const at = 1 + Math.floor(g.rand() * (w.length - 2));
      if (kind === 0) {
        let r = g.pick();
        while (r === w[at]) r = g.pick();
        w[at] = r;
      } else if (kind === 1) w.splice(at, 0, g.pick());
      else w.splice(at, 1);
    }
    spans.push({ kind: 'edited', input: { text: render(w) }, quoteId: corpus.quotes[q]!.id });
  }
  for (let i = 0; i < 100; i++) {
    const q = pickQuote();
    const w = corpus.words[q]!;
    const len = Math.round(w.length * 0.6);
    const from = Math.floor((w.length - len) / 2);
    spans.push({ kind: 'truncated', input: { text: w.slice(from, from + len).join(' ') }, quoteId: corpus.quotes[q]!.id });
  }
  for (let i = 0; i < 100; i++) {
    const q = pickQuote();
    const quote = corpus.quotes[q]!.text;
    if (i % 2 === 0) {
      // A longer quoted passage: other sentences around the quotation.
      const text = `${render(sentenceWords(g, 6, 14))} ${quote} ${render(sentenceWords(g, 6, 14))}`;
      spans.push({ kind: 'embedded', input: { text }, quoteId: corpus.quotes[q]!.id });
    } else {
      // Text without quotation marks (a blockquote, a headline, prose).
      const text = `${sentenceWords(g, 5, 12).join(' ')}: ${quote} ${render(sentenceWords(g, 5, 12))}`;
      spans.push({ kind: 'embedded', input: { text, quoted: false }, quoteId: corpus.quotes[q]!.id });
    }
  }
  for (let i = 0; i < 100; i++) spans.push({ kind: 'unrelated', input: { text: render(sentenceWords(g)) } });
  return spans;
}


/**
 * A page of about `bytes` characters: paragraphs of unrelated sentences, with
 * the spans placed in them, each quoted span between curly quotation marks
 * with an attribution, unquoted ones as their own paragraph (a blockquote).
 */
export function makePage(spans: BenchSpan[], bytes: number, seed: number): string {
  const g = makeGen(seed);
  const paragraphs: string[] = [];
  let size = 0;
  let next = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(g.rand() * 4);
    for (let k = 0; k < n; k++) sentences.push(render(sentenceWords(g, 8, 30)));
    if (next < spans.length && g.rand() < 0.5) {
      const s = spans[next++]!;
      if (s.input.quoted === false) paragraphs.push(s.input.text);
      else sentences.splice(1, 0, `“${s.input.text}” Speaker Number1 said.`);
    }
    const p = sentences.join(' ');
    paragraphs.push(p);
    size += p.length + 2;
  }
  return paragraphs.join('\n\n');
}
