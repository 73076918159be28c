/**
 * Function words of the languages the corpus's wordings come in (English,
 * Russian, Ukrainian, Bulgarian, Italian): pronouns, articles, prepositions,
 * conjunctions, particles, auxiliaries and negations. The `variant` rule
 * (src/match/variant.ts) compares only the other words, the content words, so
 * two wordings of one statement are judged by what they talk about, not by
 * "we", "the" or "не". Words are normalized (lowercase, ё as е, straight
 * apostrophes). Not src/match/meaning.ts's list: that one holds the English words whose
 * replacement leaves the meaning alone; this one the words that do not identify a statement.
 */
const WORDS = `
a an the and or but nor so yet if then than that this these those there here which who whom whose what when where why how
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs myself ourselves itself themselves
is am are was were be been being have has had having do does did doing will would shall should can could may might must
not no never none n't don't won't can't isn't aren't wasn't weren't doesn't didn't haven't hasn't
of to in on at by for with from into onto about over under after before between through during without within against upon
as also just only very too more most much many some any all each every other such own same both either neither
let lets let's it's we're we've we'll they're i'm i've i'll he's she's that's there's what's
мы нас нам нами наш наша наше наши нашего нашей наших нашим я меня мне мной мой моя мое мои ты тебя тебе вы вас вам ваш ваша ваши
он его ему им нем она ее ей ней оно они их ими них себя себе свой своя свое свои своих это этот эта эти эту этого этой этих тот та то те того
и а но или да же ли бы не ни нет что чтобы как так если когда где там тут тоже также уже еще только вот вот
в во на с со к ко по о об от до из за под над при про для без через между у который которая которое которые которого которой которых
быть был была было были будет будут есть является
ми нас нам нами наш наша наше наші нашого нашої наших я мене мені мій моя моє мої ти тебе ви вас вам ваш ваша ваші
він його йому ним ньому вона її їй ній воно вони їх їм ними них себе свій своя своє свої своїх це цей ця ці цю цього цієї цих той та те ті того
і й та але або чи же б би не ні немає що щоб як так якщо коли де там тут також вже ще тільки лише
в у на з із зі до по о об від для без через між під над при про який яка яке які якого якої яких
бути був була було були буде будуть є
ние нас нам наш наша наше наши аз мен мене ми ти те тях той тя то ги им му й си се свой своя свое свои
това този тази тези които който която което е са беше бяха ще би да не ни нито че като ако когато където там тук също вече още само
и а но или за с със в във на от до по при към без през между под над
noi ci ce ce nostro nostra nostri nostre io me mi mio mia tu te ti voi vi lui lei loro gli le lo la il i un uno una l' un' gli
e ed o ma se che non né come quando dove anche già ancora solo più molto
di del della dei delle degli dello da dal dalla in nel nella nei nelle a al alla ai alle su sul sulla per con tra fra
è sono era erano essere stato stata ha hanno avere abbiamo
`;

export const NON_CONTENT_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** A content word: not a function word, and a number or at least two letters. */
export function isContentWord(word: string): boolean {
  if (NON_CONTENT_WORDS.has(word)) return false;
  return /\d/.test(word) || word.length >= 2;
}
