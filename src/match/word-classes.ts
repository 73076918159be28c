/**
 * Word classes whose change alters what a quotation means: negations,
 * numbers, modal verbs. Words are normalized (lowercase, straight
 * apostrophes).
 */

const NEGATIONS = new Set([
  'not', 'no', 'never', 'without', 'none', 'nobody', 'nothing', 'neither', 'nor', 'cannot', 'nowhere', 'noone',
  // The languages of the corpus's other wordings (src/match/wordings.ts): Russian, Ukrainian, Bulgarian, Italian.
  'не', 'ни', 'нет', 'никогда', 'ничего', 'никто', 'без', 'ні', 'ніколи', 'нічого', 'ніхто', 'нема', 'немає',
  'нито', 'никога', 'нищо', 'никой', 'няма', 'non', 'mai', 'né', 'nessuno', 'niente', 'nulla', 'senza',
]);

/** How many negations a word carries: "not" 1, "don't" 1, "cannot" 1, "we" 0. */
export function negationCount(word: string): number {
  if (NEGATIONS.has(word)) return 1;
  return word.endsWith("n't") ? 1 : 0;
}

const MODALS = new Set(['can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would', 'cannot', 'ought']);
/** Contractions carrying a modal: won't = will not, can't = can not, shan't = shall not. */
const MODAL_CONTRACTIONS: Record<string, string> = {
  "won't": 'will',
  "can't": 'can',
  "shan't": 'shall',
  "couldn't": 'could',
  "wouldn't": 'would',
  "shouldn't": 'should',
  "mustn't": 'must',
  "mightn't": 'might',
};

/** The modal verb a word carries ("won't" -> "will", "we'll" -> "will"), if any. */
export function modalOf(word: string): string | undefined {
  if (MODALS.has(word)) return word === 'cannot' ? 'can' : word;
  const c = MODAL_CONTRACTIONS[word];
  if (c) return c;
  if (word.endsWith("'ll")) return 'will';
  return undefined;
}

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen',
  'dozens', 'hundreds', 'thousands', 'millions', 'billions', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth',
  'seventh', 'eighth', 'ninth', 'tenth', 'half', 'once', 'twice', 'percent',
]);

/** A number written in digits or in words. */
export function isNumberWord(word: string): boolean {
  return /\d/.test(word) || NUMBER_WORDS.has(word);
}
