/**
 * Titles, honorifics and role words around English names, shared by the
 * corpus builder and the matcher. "Sen. Jane Roe", "Mrs. Roe", "Finance
 * Ministry spokeswoman Jane Roe": the title is not part of the name, and a
 * period after an abbreviated title does not end a sentence.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Titles written abbreviated before a name ("Sen. John Thune", "Dr. Maria Gonzalez", "the Rev. Jane Roe"). */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = set(`
  mr mrs ms mx dr prof sen sens rep reps gov gen lt col capt sgt rev fr msgr maj adm cmdr supt insp atty amb pres hon
`);

export type Gender = 'male' | 'female';

/** Forms of address: not a role ("Mr. Smith" has none), but they tell a pronoun's gender. */
export const HONORIFICS: ReadonlyMap<string, Gender | undefined> = new Map<string, Gender | undefined>([
  ['mr', 'male'], ['mrs', 'female'], ['ms', 'female'], ['miss', 'female'], ['mx', undefined], ['dr', undefined],
  ['sir', 'male'], ['dame', 'female'], ['lord', 'male'], ['lady', 'female'],
]);

/** Role nouns with a gender of their own ("spokeswoman", "congresswoman"). */
export const GENDERED_ROLES: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ['spokesman', 'male'], ['spokeswoman', 'female'], ['chairman', 'male'], ['chairwoman', 'female'],
  ['congressman', 'male'], ['congresswoman', 'female'], ['king', 'male'], ['queen', 'female'],
  ['prince', 'male'], ['princess', 'female'], ['businessman', 'male'], ['businesswoman', 'female'],
  ['actor', 'male'], ['actress', 'female'], ['father', 'male'], ['mother', 'female'], ['husband', 'male'], ['wife', 'female'],
  ['son', 'male'], ['daughter', 'female'], ['brother', 'male'], ['sister', 'female'], ['pope', 'male'], ['nun', 'female'],
]);

/** Nouns that make a phrase a role ("Finance Ministry spokeswoman", "Foreign Minister", "the actor"). */
export const ROLE_NOUNS: ReadonlySet<string> = set(`
  spokesman spokeswoman spokesperson spokespeople spokesmen secretary minister president
  premier chancellor senator governor mayor chief head director ambassador envoy adviser
  advisor aide official officials leader general commander chairman chairwoman chair
  ceo founder analyst analysts expert experts professor economist lawyer attorney judge justice
  prosecutor representative lawmaker legislator mp negotiator diplomat king queen prince princess
  pope cardinal bishop archbishop pastor rabbi imam priest reverend coach captain manager officer researcher scientist doctor
  journalist correspondent editor author activist candidate nominee councillor councilor councilman councilwoman
  commissioner inspector sheriff superintendent dean rector mr mrs ms dr sen rep gov
  chairperson speaker deputy prof rev capt sgt lt col congressman congresswoman strategist
  pollster consultant operative surrogate organizer host anchor reporter columnist commentator
  actor actress singer rapper comedian musician star businessman businesswoman billionaire
  owner executive president-elect nominee delegate voter supporter member student teacher
  historian scholar fellow director-general attorney-general solicitor marshal colonel major admiral
  sergeant lieutenant mogul entrepreneur investor blogger writer novelist physician nurse
  policeman officer veteran
  source sources person staffer insider resident witness
`);

/** Modifiers that may sit inside a role phrase ("former deputy foreign minister"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = set(`
  former acting interim senior top deputy vice foreign prime press chief defense defence
  finance interior health state general executive managing principal lead national
  regional local federal presidential military security economic union opposition party
  campaign city council government police army industry company community trade labour
  labor rights business team club majority minority republican democratic democrat gop
  house senate assistant associate communications political legal
`);

/**
 * The role the corpus builder records for a speaker the text describes but
 * never names ("said a senior adviser"); the matcher never calls such a
 * quotation misattributed, since the page may name who the source was.
 */
export const UNNAMED_SOURCE_ROLE = 'unnamed source';
