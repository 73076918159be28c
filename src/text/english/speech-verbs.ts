/**
 * English speech verbs: the one list the corpus builder (who said it) and the
 * matcher (who does the page say said it) both read. Written as lemmas; every
 * form ("say", "says", "said", "saying") is derived, so a verb is never known
 * in one form and missing in another.
 *
 * `lemma` is a regular verb; `lemma*` doubles its last consonant (admit →
 * admitted); `lemma:3sg,past,ing` spells an irregular verb out.
 */

const list = (words: string) => words.trim().split(/\s+/);

function forms(entry: string): string[] {
  const irregular = /^(\p{Ll}+):(\p{Ll}+),(\p{Ll}+),(\p{Ll}+)$/u.exec(entry);
  if (irregular) return irregular.slice(1);
  const double = entry.endsWith('*');
  const v = double ? entry.slice(0, -1) : entry;
  const last = v.slice(-1);
  const third = /(?:s|sh|ch|x|z|o)$/u.test(v) ? `${v}es` : /[^aeiou]y$/u.test(v) ? `${v.slice(0, -1)}ies` : `${v}s`;
  const stem = double ? v + last : v;
  const past = v.endsWith('e') ? `${v}d` : /[^aeiou]y$/u.test(v) ? `${v.slice(0, -1)}ied` : `${stem}ed`;
  const ing = /[^e]e$/u.test(v) ? `${v.slice(0, -1)}ing` : `${stem}ing`;
  return [v, third, past, ing];
}

const expand = (entries: string[]) => new Set(entries.flatMap(forms));

/**
 * Verbs that tie a speaker to words anywhere later in their sentence ("X said
 * that the deal is a “historic step”", "what it calls “…”", "X described Y as
 * “…”"). Kept to verbs that are rarely anything but speech, because a wrong
 * one turns a scare quote into a quotation.
 */
const REPORTING_LEMMAS = list(`
  say:says,said,saying tell:tells,told,telling write:writes,wrote,writing
  state add explain note stress emphasize emphasise insist warn declare announce argue claim assert
  call describe consider regard view label labell* dub* term urge promise vow pledge reiterate
  acknowledge admit* confirm deny suggest predict demand characterize characterise refer* brand
  tweet post insist contend maintain allege accuse complain lament boast concede
  proclaim pronounce testify declare decry denounce praise hail dismiss mock slam blast criticize criticise
  ask reply respond answer recall recount remark comment observe caution counter retort
  quip* joke mention threaten predict repeat dispute question
`);

/**
 * Verbs that attribute a quotation only when they touch it: "“…,” he
 * continued", "X interjected: “…”". Elsewhere they mean something else ("the
 * union continues to strike"), so they are not reporting verbs.
 */
const ADJACENT_LEMMAS = list(`
  continue conclude summarize summarise elaborate clarify specify remind point put:puts,put,putting
  shout whisper yell scream cry sigh fume snap* interject interrupt chime exclaim muse mutter
  thunder roar sneer scoff gush tease laugh smile shrug nod* reason ponder wonder offer read:reads,read,reading
  begin:begins,began,beginning go:goes,went,going
  agree disagree protest object insist plead inform assure vow
  text email message start press demur* interject pipe chime quote muse recite
  sum* caution insist note pose observe speak:speaks,spoke,speaking
`);

/** Every form of the reporting verbs (see above). */
export const REPORTING_VERBS: ReadonlySet<string> = expand(REPORTING_LEMMAS);

/** Every form of the verbs that attribute a quotation next to it; includes the reporting verbs. */
export const ADJACENT_SPEECH_VERBS: ReadonlySet<string> = new Set([...REPORTING_VERBS, ...expand(ADJACENT_LEMMAS)]);

/** -ing forms ("…, saying “…”"): their subject is the subject of the clause they hang from. */
export const isParticiple = (word: string): boolean => word.endsWith('ing') && ADJACENT_SPEECH_VERBS.has(word);

/**
 * Nouns for a statement made in writing or aloud: "in a statement", "the
 * letter read", "a tweet said". A speech noun as the subject of a speech verb
 * gives the words to whoever issued it.
 */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set(list(`
  statement statements letter letters tweet tweets post posts release memo email emails editorial
  op-ed column speech remarks interview report message note sign banner ad advertisement filing
`));
