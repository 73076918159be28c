/**
 * Meaning call-outs: which edits in a finding's diff change what the speaker
 * said, named by kind, with the words on each side. The engine's meaning
 * flags and the card's lead sentence both come from here, so a flag and its
 * call-out cannot disagree.
 *
 * Kinds, and what raises each (words are compared lowercased; a word moved
 * elsewhere in the quotation is not a change):
 * - `negation`: the count of "not", "never", "n't"… differs (a dropped "not" is never verified);
 * - `number`: a number in digits or words differs;
 * - `name`: a capitalized word inside a sentence differs (not one moved: see `swap`);
 * - `modal`: a modal verb differs ("can" -> "must");
 * - `hedge`: a marker of how sure the speaker was differs ("may" -> "will", "possibly" -> "certainly");
 * - `quantity`: a quantity word differs ("all" -> "some", "most" -> "few");
 * - `antonym`: a word became its opposite ("early" -> "late", "likely" -> "unlikely");
 * - `swap`: the same two or more content words, in another order: who does what to whom;
 * - `verb`: a verb or verb phrase was replaced ("rules out" -> "welcomes");
 * - `wording`: another content word was replaced ("goals" -> "territories").
 * The last two are raised only when no other kind explains the same edit.
 * Not raised: function words ("the" -> "a"), contractions ("do not" -> "don't"),
 * British and American spellings, look-alike letters (the `homoglyph` flag).
 */
import { foldToScript } from '../text';
import { CAPITAL, HOMOGLYPH, SENTENCE, tokenize, wordAt, type Tokens } from './tokenize';
import type { DiffOp } from './types';
import { isNumberWord, modalOf, negationCount } from './word-classes';

import { MEANING_KINDS, type Callout, type MeaningKind } from './meaning-kinds';

export { MEANING_KINDS, type Callout, type MeaningKind };

/** A word of one side of the diff. */
interface Word {
  /** Normalized: lowercase, straight apostrophes. */
  w: string;
  /** As written. */
  raw: string;
  name: boolean;
}

/** One run of changes: the verified words dropped and the page's words put in their place. */
interface Change {
  dropped: Word[];
  added: Word[];
}

// ---- Word classes --------------------------------------------------------

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'into', 'onto',
  'as', 'than', 'that', 'which', 'who', 'whom', 'whose', 'this', 'these', 'those', 'there', 'here', 'it', 'its',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'so', 'if',
  'then', 'we', 'i', 'you', 'he', 'she', 'they', 'me', 'us', 'him', 'her', 'them', 'our', 'my', 'your', 'his',
  'their', 'ours', 'yours', 'theirs', 'what', 'when', 'where', 'why', 'how', 'about', 'over', 'under', 'up',
  'out', 'off', 'down', 'also', 'just', 'now', 'yet', 'still', 'even', 'very', 'too', 'such', 'own', 'same',
  'ourselves', 'themselves', 'itself', 'himself', 'herself', 'myself', 'yourself', 'o', 's',
]);

/** Quantity words: how many or how much. */
const QUANTITY_WORDS = new Set([
  'all', 'every', 'each', 'some', 'many', 'most', 'few', 'fewer', 'fewest', 'several', 'any', 'much', 'more', 'less',
  'least', 'little', 'lots', 'majority', 'minority', 'both', 'entire', 'whole', 'none', 'everyone', 'everything',
  'everybody', 'someone', 'something', 'somebody', 'nobody', 'nothing', 'only',
]);

/** How sure the speaker was: epistemic modals and hedging or boosting adverbs. */
const HEDGE_WORDS = new Set([
  'may', 'might', 'could', 'perhaps', 'maybe', 'possibly', 'possible', 'probably', 'probable', 'likely', 'unlikely',
  'certainly', 'certain', 'definitely', 'surely', 'sure', 'clearly', 'obviously', 'undoubtedly', 'apparently',
  'allegedly', 'reportedly', 'seemingly', 'presumably', 'potentially', 'conceivably', 'arguably', 'supposedly',
  'almost', 'nearly', 'hardly', 'barely', 'largely', 'partly', 'partially', 'fully', 'completely', 'entirely',
  'absolutely', 'always', 'sometimes', 'often', 'rarely', 'seldom', 'usually', 'generally', 'guaranteed',
  'inevitably', 'inevitable', 'undeniably', 'doubtless', 'somewhat', 'roughly', 'approximately',
]);

/** Pairs of opposites (base forms; inflections are derived by `forms`). */
const ANTONYM_PAIRS: [string, string][] = [
  ['early', 'late'], ['earlier', 'later'], ['before', 'after'], ['increase', 'decrease'], ['rise', 'fall'],
  ['accept', 'reject'], ['support', 'oppose'], ['allow', 'forbid'], ['allow', 'prohibit'], ['permit', 'forbid'],
  ['win', 'lose'], ['won', 'lost'], ['victory', 'defeat'], ['agree', 'refuse'], ['approve', 'reject'],
  ['welcome', 'reject'], ['welcome', 'condemn'], ['praise', 'condemn'], ['true', 'false'], ['right', 'wrong'],
  ['success', 'failure'], ['succeed', 'fail'], ['strong', 'weak'], ['stronger', 'weaker'], ['more', 'less'],
  ['most', 'least'], ['best', 'worst'], ['better', 'worse'], ['good', 'bad'], ['high', 'low'], ['higher', 'lower'],
  ['open', 'close'], ['open', 'closed'], ['start', 'stop'], ['begin', 'end'], ['peace', 'war'], ['friend', 'enemy'],
  ['ally', 'enemy'], ['allies', 'enemies'], ['friends', 'enemies'], ['safe', 'dangerous'], ['include', 'exclude'],
  ['confirm', 'deny'], ['admit', 'deny'], ['attack', 'defend'], ['guilty', 'innocent'], ['always', 'never'],
  ['everything', 'nothing'], ['everyone', 'nobody'], ['easy', 'difficult'], ['easy', 'hard'], ['continue', 'stop'],
  ['continue', 'end'], ['expand', 'reduce'], ['raise', 'lower'], ['gain', 'loss'], ['profit', 'loss'], ['buy', 'sell'],
  ['import', 'export'], ['enter', 'leave'], ['join', 'leave'], ['give', 'take'], ['love', 'hate'], ['hope', 'fear'],
  ['optimistic', 'pessimistic'], ['positive', 'negative'], ['ready', 'unready'], ['present', 'absent'],
  ['first', 'last'], ['maximum', 'minimum'], ['major', 'minor'], ['internal', 'external'], ['legal', 'illegal'],
  ['lift', 'impose'], ['withdraw', 'deploy'], ['ceasefire', 'offensive'], ['truce', 'war'], ['yes', 'no'],
  ['too', 'not'], ['can', 'cannot'], ['all', 'none'], ['many', 'few'], ['much', 'little'],
];

/** Prefixes that turn a word into its opposite: likely/unlikely, possible/impossible, agree/disagree. */
const NEGATING_PREFIXES = ['un', 'in', 'im', 'il', 'ir', 'dis', 'non', 'non-'];

/** Verbs common in statements (base forms; inflections are derived by `forms`). */
const VERBS = new Set([
  'accept', 'achieve', 'act', 'add', 'agree', 'aim', 'allow', 'announce', 'answer', 'appear', 'approve', 'argue',
  'arrive', 'ask', 'attack', 'avoid', 'back', 'ban', 'become', 'begin', 'believe', 'blame', 'block', 'break', 'bring',
  'build', 'call', 'cancel', 'cause', 'change', 'choose', 'claim', 'close', 'come', 'condemn', 'confirm', 'consider',
  'continue', 'control', 'create', 'cut', 'decide', 'declare', 'defend', 'demand', 'deny', 'deploy', 'destroy',
  'discuss', 'dismiss', 'do', 'doubt', 'drop', 'end', 'ensure', 'enter', 'expect', 'explain', 'face', 'fail', 'fear',
  'fight', 'find', 'finish', 'follow', 'forbid', 'force', 'get', 'give', 'go', 'grant', 'guarantee', 'halt', 'happen',
  'help', 'hold', 'hope', 'ignore', 'impose', 'include', 'intend', 'invade', 'join', 'keep', 'kill', 'know', 'lead',
  'leave', 'let', 'lift', 'like', 'lose', 'make', 'mean', 'meet', 'need', 'negotiate', 'offer', 'open', 'oppose',
  'order', 'pay', 'permit', 'plan', 'praise', 'prefer', 'prepare', 'prevent', 'promise', 'propose', 'protect',
  'provide', 'push', 'put', 'reach', 'receive', 'recognize', 'recognise', 'refuse', 'reject', 'remain', 'remove',
  'respect', 'respond', 'return', 'reveal', 'rule', 'run', 'say', 'see', 'seek', 'sell', 'send', 'share', 'show',
  'sign', 'start', 'stay', 'stop', 'study', 'suggest', 'support', 'surrender', 'take', 'talk', 'tell', 'think',
  'threaten', 'try', 'turn', 'understand', 'urge', 'use', 'violate', 'want', 'warn', 'welcome', 'win', 'withdraw',
  'work', 'write',
]);

/** Particles of phrasal verbs: "rules out", "give up". */
const PARTICLES = new Set(['out', 'up', 'down', 'off', 'away', 'back', 'over', 'in', 'on']);

/** Inflected forms of a base word: support -> supports, supported, supporting, supporter… */
function forms(base: string): string[] {
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  const y = base.endsWith('y') ? base.slice(0, -1) : undefined;
  const out = [base, `${base}s`, `${base}es`, `${base}d`, `${base}ed`, `${stem}ing`, `${stem}ed`, `${base}r`, `${base}er`];
  if (y) out.push(`${y}ies`, `${y}ied`);
  return out;
}

const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  const fa = forms(a);
  const fb = forms(b);
  fa.forEach((x, i) => link(x, fb[i]!));
  link(a, b);
}
function link(x: string, y: string) {
  if (!ANTONYMS.has(x)) ANTONYMS.set(x, new Set());
  if (!ANTONYMS.has(y)) ANTONYMS.set(y, new Set());
  ANTONYMS.get(x)!.add(y);
  ANTONYMS.get(y)!.add(x);
}

const VERB_FORMS = new Set<string>();
for (const v of VERBS) for (const f of forms(v)) VERB_FORMS.add(f);
for (const irregular of ['said', 'told', 'went', 'gone', 'came', 'took', 'taken', 'gave', 'given', 'made', 'won', 'lost', 'held', 'kept', 'left', 'brought', 'built', 'sought', 'thought', 'knew', 'known', 'saw', 'seen', 'meant', 'met', 'paid', 'ran', 'sent', 'shown', 'wrote', 'written', 'understood', 'withdrew', 'withdrawn', 'began', 'begun', 'became', 'broke', 'broken', 'chose', 'chosen', 'fought', 'found', 'forbade', 'forbidden', 'led', 'got']) {
  VERB_FORMS.add(irregular);
}

export function isAntonym(a: string, b: string): boolean {
  if (ANTONYMS.get(a)?.has(b)) return true;
  for (const p of NEGATING_PREFIXES) {
    if ((a === p + b || b === p + a) && Math.min(a.length, b.length) >= 4) return true;
  }
  return false;
}

export function isVerbForm(w: string): boolean {
  return VERB_FORMS.has(w);
}

/** British and American spellings compare equal: organisation/organization, defence/defense, labour/labor. */
function spellingKey(w: string): string {
  return w
    .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/our(s|ed|ing)?$/, 'or$1')
    .replace(/([^aeiou])re(s|d)?$/, '$1er$2')
    .replace(/yse(s|d)?$/, 'yze$1')
    .replace(/ll(ed|ing|er)$/, 'l$1')
    .replace(/ence$/, 'ense')
    .replace(/ogue$/, 'og');
}

function isContent(w: string): boolean {
  return !FUNCTION_WORDS.has(w) && !w.includes("'") && negationCount(w) === 0 && modalOf(w) === undefined;
}

// ---- From a diff to changes ----------------------------------------------

/** The words of each op, on its side of the diff, with what the tokenizer knows of them. */
function sideWords(diff: readonly DiffOp[], side: 'delete' | 'insert'): (Word[] | undefined)[] {
  let text = '';
  const ranges: [number, number][] = [];
  for (const d of diff) {
    if (d.op === 'equal' || d.op === side) {
      if (text) text += ' ';
      ranges.push([text.length, text.length + d.text.length]);
      text += d.text;
    } else ranges.push([-1, -1]);
  }
  const tk = tokenize(text);
  const out: (Word[] | undefined)[] = diff.map(() => undefined);
  let k = 0;
  diff.forEach((d, i) => {
    const [s, e] = ranges[i]!;
    if (s < 0) return;
    const words: Word[] = [];
    for (; k < tk.count && startOf(tk, k) < e; k++) {
      if (startOf(tk, k) < s) continue;
      words.push(wordOf(tk, k));
    }
    if (d.op === side) out[i] = words;
  });
  return out;
}

function startOf(tk: Tokens, k: number): number {
  return tk.norm.map[tk.nStart[k]!]!;
}

function wordOf(tk: Tokens, k: number): Word {
  const f = tk.flags[k]!;
  // Look-alike letters compare as the letters they imitate: that edit is the homoglyph flag's.
  const w = f & HOMOGLYPH ? foldToScript(wordAt(tk, k), 'latin') : wordAt(tk, k);
  const raw = tk.original.slice(startOf(tk, k), tk.norm.ends[tk.nEnd[k]! - 1]!);
  return { w, raw, name: (f & CAPITAL) !== 0 && (f & SENTENCE) === 0 && w !== 'i' };
}

/**
 * Runs of changes: consecutive delete and insert ops between equal ones.
 * Look-alike letters are folded by the tokenizer, so a homoglyph edit
 * (delete "ahead", insert "ah\u0435ad") cancels out here: it is the homoglyph flag's.
 */
function changesOf(diff: readonly DiffOp[]): Change[] {
  const del = sideWords(diff, 'delete');
  const ins = sideWords(diff, 'insert');
  const out: Change[] = [];
  let cur: Change | undefined;
  diff.forEach((d, i) => {
    if (d.op === 'equal') {
      cur = undefined;
      return;
    }
    if (!cur) {
      cur = { dropped: [], added: [] };
      out.push(cur);
    }
    if (d.op === 'delete') cur.dropped.push(...del[i]!);
    else cur.added.push(...ins[i]!);
  });
  return out.filter((c) => c.dropped.length + c.added.length > 0);
}

// ---- Classification ------------------------------------------------------

/** Multiset difference a - b. */
function minus(a: Word[], b: Word[]): Word[] {
  const left = b.map((x) => x.w);
  const out: Word[] = [];
  for (const x of a) {
    const i = left.indexOf(x.w);
    if (i >= 0) left.splice(i, 1);
    else out.push(x);
  }
  return out;
}

function raw(words: Word[]): string[] {
  return words.map((x) => x.raw);
}

function classDiffers(dropped: Word[], added: Word[], test: (w: string) => boolean): Callout['dropped'][] | undefined {
  const d = minus(dropped.filter((x) => test(x.w)), added);
  const a = minus(added.filter((x) => test(x.w)), dropped);
  return d.length + a.length > 0 ? [raw(d), raw(a)] : undefined;
}

/**
 * The meaning call-outs of a diff, most consequential first. Empty when the
 * edits leave the meaning alone (punctuation, function words, spelling,
 * a moved word).
 */
export function meaningCallouts(diff: readonly DiffOp[]): Callout[] {
  const changes = changesOf(diff);
  if (changes.length === 0) return [];
  const dropped = changes.flatMap((c) => c.dropped);
  const added = changes.flatMap((c) => c.added);
  const found = new Map<MeaningKind, Callout>();
  const add = (kind: MeaningKind, d: string[], a: string[]) => {
    const c = found.get(kind);
    if (c) {
      c.dropped.push(...d);
      c.added.push(...a);
    } else found.set(kind, { kind, dropped: d, added: a });
  };

  // Whole-diff classes: a word moved within the quotation is no change.
  const negDropped = dropped.filter((x) => negationCount(x.w) > 0);
  const negAdded = added.filter((x) => negationCount(x.w) > 0);
  const count = (ws: Word[]) => ws.reduce((n, x) => n + negationCount(x.w), 0);
  if (count(negDropped) !== count(negAdded)) add('negation', raw(minus(negDropped, negAdded)), raw(minus(negAdded, negDropped)));
  const classes: [MeaningKind, (w: string) => boolean][] = [
    ['number', isNumberWord],
    ['modal', (w) => modalOf(w) !== undefined],
    ['hedge', (w) => HEDGE_WORDS.has(w)],
    ['quantity', (w) => QUANTITY_WORDS.has(w)],
  ];
  for (const [kind, test] of classes) {
    // Modals compare by the modal they carry: "won't" and "will not" are the same modal.
    const key = kind === 'modal' ? (ws: Word[]) => ws.map((x) => ({ ...x, w: modalOf(x.w) ?? x.w })) : (ws: Word[]) => ws;
    const r = classDiffers(key(dropped), key(added), test);
    if (r) add(kind, r[0]!, r[1]!);
  }
  const names = classDiffers(dropped.filter((x) => x.name), added.filter((x) => x.name), () => true);
  // A name that only moved (or went from the start of a sentence to inside one) is not a changed name.
  if (names && minus(dropped.filter((x) => x.name), added).length + minus(added.filter((x) => x.name), dropped).length > 0) {
    add('name', raw(minus(dropped.filter((x) => x.name), added)), raw(minus(added.filter((x) => x.name), dropped)));
  }

  // Swapped actor and object: the same content words, reordered.
  const contentDropped = dropped.filter((x) => isContent(x.w));
  const contentAdded = added.filter((x) => isContent(x.w));
  const distinct = new Set(contentDropped.map((x) => x.w));
  if (distinct.size >= 2 && minus(contentDropped, contentAdded).length === 0 && minus(contentAdded, contentDropped).length === 0) {
    add('swap', raw(contentDropped), raw(contentAdded));
  }

  // Per change: opposites, then a replaced verb, then any other replaced content word.
  for (const c of changes) {
    const d = minus(c.dropped, c.added).filter((x) => isContent(x.w) || HEDGE_WORDS.has(x.w) || QUANTITY_WORDS.has(x.w));
    const a = minus(c.added, c.dropped).filter((x) => isContent(x.w) || HEDGE_WORDS.has(x.w) || QUANTITY_WORDS.has(x.w));
    const opposite = d.flatMap((x) => a.filter((y) => isAntonym(x.w, y.w)).map((y) => [x, y] as const));
    if (opposite.length > 0) {
      add('antonym', opposite.map(([x]) => x.raw), opposite.map(([, y]) => y.raw));
      continue;
    }
    if (found.has('swap')) continue;
    // Only replacements: a word added or dropped alone ("now") is noted by the diff, not called out.
    const dc = d.filter((x) => isContent(x.w) && !x.name && !isNumberWord(x.w) && !HEDGE_WORDS.has(x.w) && !QUANTITY_WORDS.has(x.w));
    const ac = a.filter((x) => isContent(x.w) && !x.name && !isNumberWord(x.w) && !HEDGE_WORDS.has(x.w) && !QUANTITY_WORDS.has(x.w));
    if (dc.length === 0 || ac.length === 0) continue;
    if (dc.length === ac.length && dc.every((x, i) => spellingKey(x.w) === spellingKey(ac[i]!.w))) continue;
    const verbish = (ws: Word[]) => ws.some((x) => isVerbForm(x.w));
    const phrase = (ws: Word[]) => ws.map((x) => x.raw);
    // A phrasal verb keeps its particle: "rules out" -> "welcomes".
    const withParticles = (all: Word[], core: Word[]) => all.filter((x) => core.includes(x) || PARTICLES.has(x.w));
    if (verbish(dc) || verbish(ac)) add('verb', phrase(withParticles(c.dropped, dc)), phrase(withParticles(c.added, ac)));
    else add('wording', phrase(dc), phrase(ac));
  }
  return MEANING_KINDS.filter((k) => found.has(k)).map((k) => found.get(k)!);
}
