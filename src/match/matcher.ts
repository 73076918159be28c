/**
 * The engine's entry point: `createMatcher(quotes, index?)`.
 *
 * One matcher (one index) serves every tab: the background holds it and
 * content scripts send text. `findAll` takes a whole text (a page's collected
 * text, an article file) and finds quoted spans and unquoted occurrences;
 * `matchSpans` takes spans extracted elsewhere; `lookup` takes a
 * fact-checker's selection.
 */
import type { Quote } from '../corpus/schema';
import { attributionOf, type AttributionContext } from './attribution';
import { findQuotedSpans } from './candidates';
import { MEANING_KINDS } from './meaning';
import { Engine, type Evaluation } from './engine';
import { judgeWhole, nearestQuotes } from './lookup';
import { LOOKUP_MIN_OVERLAP_SHARE } from './thresholds';
import { buildIndex, loadIndex, type MatchIndex } from './match-index';
import { originalSpan, tokenize, type Tokens } from './tokenize';
import type { Finding, Flag, LookupContext, LookupResult, MatchOptions, SpanInput } from './types';
import { VariantFinder, type SpeakerTable } from './variant';
import { wordingsOf, type Wordings } from './wordings';

/**
 * What the matcher needs of a corpus quote: its wording and speaker; its date and
 * other vetted wordings when it has them (the `variant` rule reads the date).
 */
export type MatcherQuote = Pick<Quote, 'id' | 'text' | 'speaker'> & Partial<Pick<Quote, 'date' | 'original' | 'variants'>>;

export interface Matcher {
  /** Every quotation of the corpus found in `text`, and the quoted spans without a match; offsets refer to `text`. */
  findAll(text: string, options?: MatchOptions): Finding[];
  /** Findings per span; offsets refer to each span's text. */
  matchSpans(spans: readonly SpanInput[]): Finding[][];
  /**
   * A fact-checker's selection, judged as the scan judges a page: the
   * quotation(s) inside it (or around it, given the paragraph's text before
   * and after the selection) with their attribution. `best` offsets refer to
   * `context.before + selection + context.after`.
   */
  lookup(selection: string, context?: LookupContext): LookupResult;
  /**
   * Prepares up to `count` wordings for `lookup` (their word hashes, when the index keeps
   * none: Engine.hashWordings); true when the lookup needs no more preparing.
   */
  prepareLookup(count: number): boolean;
  /** The index in use (serialize it with `serializeIndex` to skip the build next time). */
  readonly index: MatchIndex;
}

/** Flags in a fixed order, so findings compare equal across runs. */
const FLAG_ORDER: Flag[] = [...MEANING_KINDS, 'homoglyph', 'excerpt', 'ellipsis', 'embedded', 'rendering'];

const VERDICT_RANK = { verified: 3, misattributed: 3, altered: 2, variant: 1, unverified: 0 } as const;

/** Offsets of paragraph breaks (blank lines) in a text. */
function paragraphBreaks(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\n[ \t\r]*\n/g)) out.push(m.index);
  return out;
}

function paragraphAround(text: string, breaks: number[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  const paraStart = lo > 0 ? breaks[lo - 1]! : 0;
  let k = lo;
  while (k < breaks.length && breaks[k]! < end) k++;
  const paraEnd = k < breaks.length ? breaks[k]! : text.length;
  return [paraStart, paraEnd];
}

/** Original start offset of each word, for mapping character ranges to words. */
function wordStarts(tk: Tokens): Uint32Array {
  const out = new Uint32Array(tk.count);
  for (let k = 0; k < tk.count; k++) out[k] = tk.norm.map[tk.nStart[k]!]!;
  return out;
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `wordings`: the corpus's wordings when the caller holds them already (the background
 * reads them from the shipped index, src/host/shipped-host.ts, without an object per
 * quote); otherwise they are made from `quotes`. `speakers`: likewise the corpus's speaker
 * table, which the variant rule reads (./variant.ts).
 */
export function createMatcher(quotes: readonly MatcherQuote[], index?: MatchIndex | Uint8Array, prepared?: Wordings, speakers?: SpeakerTable): Matcher {
  const idx = index === undefined ? buildIndex(quotes) : index instanceof Uint8Array ? loadIndex(index, quotes) : index;
  // The index and the engine number wordings: each quote's main text, then the other vetted wordings (./wordings.ts).
  const wordings = prepared ?? wordingsOf(quotes);
  if (idx.quoteCount !== wordings.list.length) {
    throw new Error(`index built for ${idx.quoteCount} quotes, corpus has ${wordings.list.length}: rebuild the index`);
  }
  const engine = new Engine(wordings.list, idx);
  const variants = new VariantFinder(quotes, wordings, speakers);

  const toFinding = (
    e: Evaluation,
    tk: Tokens,
    ctx: AttributionContext,
    unquoted: boolean,
    whole?: { a: number; b: number; start: number; end: number },
  ): Finding => {
    let [start, end] = originalSpan(tk, e.from, e.to);
    if (whole && e.from === whole.a && e.to === whole.b) [start, end] = [whole.start, whole.end];
    else {
      // The sentence's own closing punctuation belongs to the wording.
      const text = tk.original;
      while (end < text.length && end - start < text.length && /[.!?…]/.test(text[end]!)) end++;
    }
    const quote = quotes[wordings.quoteOf[e.q]!]!;
    const f: Finding = {
      verdict: e.verdict,
      quoteId: quote.id,
      score: Math.round(e.score * 1000) / 1000,
      start,
      end,
      text: tk.original.slice(start, end),
      diff: e.diff,
      flags: FLAG_ORDER.filter((x) => e.flags.has(x)),
    };
    if (unquoted) f.unquoted = true;
    const wording = wordings.refs[e.q];
    if (wording) f.wording = wording;
    const attribution = attributionOf(ctx, quote.speaker);
    if (attribution.kind === 'other') {
      f.attributedTo = attribution.name;
      if (f.verdict === 'verified') f.verdict = 'misattributed';
    }
    return f;
  };

  /**
   * A quoted span nothing verified or called altered: another wording of a corpus
   * statement (./variant.ts), or undefined.
   */
  const variantFinding = (text: string, start: number, end: number, ctx: AttributionContext, pageDate?: string): Finding | undefined => {
    const span = text.slice(start, end);
    const match = variants.find(span, `${ctx.before} ${ctx.after}`, pageDate);
    if (!match) return undefined;
    const quote = quotes[wordings.quoteOf[match.wording]!]!;
    // Words the page gives to someone else are not this speaker's other wording.
    // (The attribution rules are English: an inflected form of the speaker's name, "Пескова", is still the speaker.)
    const attribution = attributionOf(ctx, quote.speaker);
    if (attribution.kind === 'other' && !variants.isNamed(attribution.name, wordings.quoteOf[match.wording]!)) return undefined;
    const f: Finding = {
      verdict: 'variant',
      quoteId: quote.id,
      score: Math.round(match.score * 1000) / 1000,
      start,
      end,
      text: span,
      diff: [],
      flags: [],
    };
    const wording = wordings.refs[match.wording];
    if (wording) f.wording = wording;
    return f;
  };

  const unverified = (text: string, start: number, end: number): Finding => ({
    verdict: 'unverified',
    score: 0,
    start,
    end,
    text: text.slice(start, end),
    diff: [],
    flags: [],
  });

  const findAll = (text: string, options: MatchOptions = {}): Finding[] => {
    const tk = tokenize(text);
    const starts = wordStarts(tk);
    const breaks = paragraphBreaks(text);
    const quoted = options.quoted === false ? [] : findQuotedSpans(text);
    const inQuote = new Uint8Array(tk.count);
    const found: Finding[] = [];
    for (const span of quoted) {
      const a = lowerBound(starts, span.start);
      const b = lowerBound(starts, span.end);
      inQuote.fill(1, a, b);
      const evals = engine.matchQuoted(tk, a, b);
      // The attribution of a quotation inside a longer quoted passage is the passage's.
      const [ps, pe] = paragraphAround(text, breaks, span.open, span.close);
      const ctx: AttributionContext = {
        before: text.slice(ps, span.open),
        after: text.slice(span.close, pe),
        quoteEndsSentence: endsSentence(text, span.start, span.end),
      };
      if (evals.length === 0) {
        const variant = b > a ? variantFinding(text, span.start, span.end, ctx, options.pageDate) : undefined;
        if (variant) found.push(variant);
        else if (options.unverified !== false && b > a) found.push(unverified(text, span.start, span.end));
        continue;
      }
      for (const e of evals) found.push(toFinding(e, tk, ctx, false, { a, b, start: span.start, end: span.end }));
    }
    if (options.unquoted !== false) {
      let k = 0;
      while (k < tk.count) {
        if (inQuote[k]) {
          k++;
          continue;
        }
        const a = k;
        while (k < tk.count && !inQuote[k]) k++;
        for (const e of engine.matchUnquoted(tk, a, k)) {
          const [fs, fe] = originalSpan(tk, e.from, e.to);
          const [ps, pe] = paragraphAround(text, breaks, fs, fe);
          const ctx = { before: text.slice(ps, fs), after: text.slice(fe, pe), quoteEndsSentence: endsSentence(text, fs, fe) };
          found.push(toFinding(e, tk, ctx, true));
        }
      }
    }
    return dedupe(found);
  };

  const matchSpans = (spans: readonly SpanInput[]): Finding[][] =>
    spans.map((span) => {
      const tk = tokenize(span.text);
      const ctx: AttributionContext = {
        before: span.context?.before ?? '',
        after: span.context?.after ?? '',
        quoteEndsSentence: endsSentence(span.text, 0, span.text.length),
      };
      if (span.quoted === false) {
        return engine.matchUnquoted(tk, 0, tk.count).map((e) => {
          const [fs, fe] = originalSpan(tk, e.from, e.to);
          const local = {
            before: ctx.before + span.text.slice(0, fs),
            after: span.text.slice(fe) + ctx.after,
            quoteEndsSentence: endsSentence(span.text, fs, fe),
          };
          return toFinding(e, tk, local, true);
        });
      }
      const evals = engine.matchQuoted(tk, 0, tk.count);
      if (evals.length === 0) {
        if (tk.count === 0) return [];
        const [s, e] = originalSpan(tk, 0, tk.count);
        return [variantFinding(span.text, s, e, ctx) ?? unverified(span.text, s, e)];
      }
      const [s, e] = originalSpan(tk, 0, tk.count);
      return evals.map((ev) => toFinding(ev, tk, ctx, false, { a: 0, b: tk.count, start: s, end: e }));
    });

  const lookup = (selection: string, context?: LookupContext): LookupResult => {
    const before = context?.before ?? '';
    const text = before + selection + (context?.after ?? '');
    const s0 = before.length;
    const s1 = s0 + selection.length;
    // The scan's findings on the selection and its paragraph; the ones the selection covers are its quotations.
    const covered = findAll(text, { unverified: false }).filter((f) => {
      const overlap = Math.min(f.end, s1) - Math.max(f.start, s0);
      return overlap > 0 && overlap >= LOOKUP_MIN_OVERLAP_SHARE * Math.min(f.end - f.start, selection.trim().length);
    });
    const overlapOf = (f: Finding) => Math.min(f.end, s1) - Math.max(f.start, s0);
    let best = covered.sort((x, y) => overlapOf(y) - overlapOf(x) || VERDICT_RANK[y.verdict] - VERDICT_RANK[x.verdict] || y.score - x.score)[0];
    // What the nearest quotations are ranked against: the quotation, else the selection's quoted words, else all of it.
    let core = selection;
    if (best) core = best.text;
    else {
      const spans = findQuotedSpans(selection);
      if (spans.length > 0) {
        const longest = spans.reduce((x, y) => (y.end - y.start > x.end - x.start ? y : x));
        core = selection.slice(longest.start, longest.end);
      } else {
        // No quotation marks and nothing the scan would report: the selection is the claimed quotation.
        const sub = tokenize(selection);
        const e = judgeWhole(engine, sub);
        if (e) {
          const [fs, fe] = originalSpan(sub, e.from, e.to);
          const ctx: AttributionContext = {
            before: before + selection.slice(0, fs),
            after: selection.slice(fe) + (context?.after ?? ''),
            quoteEndsSentence: endsSentence(selection, fs, fe),
          };
          const f = toFinding(e, sub, ctx, false);
          best = { ...f, start: f.start + s0, end: f.end + s0 };
        }
      }
    }
    const nearest = nearestQuotes(engine, core, best);
    return best ? { best, nearest } : { nearest };
  };

  return { findAll, matchSpans, lookup, prepareLookup: (count) => engine.hashWordings(count), index: idx };
}

/** The text [start, end) ends a sentence: its last non-space character before any closing mark is . ! or ? */
function endsSentence(text: string, start: number, end: number): boolean {
  let k = end;
  while (k > start && /[\s"'\u201D\u2019\u00BB\u203A)]/.test(text[k - 1]!)) k--;
  if (k > start && /[.!?…]/.test(text[k - 1]!)) return true;
  // A sentence-final mark right after the span: “…war”.
  return /^["'\u201D\u2019\u00BB\u203A]?[.!?]/.test(text.slice(end, end + 2));
}

/**
 * Overlapping findings: a nested quotation and its outer passage, or an
 * unverified span around a match. The better verdict wins; an unverified
 * span never hides a match.
 */
function dedupe(found: Finding[]): Finding[] {
  const length = (f: Finding) => f.end - f.start;
  const sorted = [...found].sort(
    (x, y) =>
      VERDICT_RANK[y.verdict] - VERDICT_RANK[x.verdict] ||
      y.score - x.score ||
      // Matches: the tighter one; unverified spans: the outer one.
      (x.verdict === 'unverified' ? length(y) - length(x) : length(x) - length(y)),
  );
  const kept: Finding[] = [];
  for (const f of sorted) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((x, y) => x.start - y.start || x.end - y.end);
}

