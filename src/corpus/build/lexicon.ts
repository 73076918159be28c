/**
 * Word lists the attribution heuristics read. They describe English news
 * prose in general; nothing here is about any particular document. Each list
 * says why it exists, so a reader can tell what adding a word would change.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/**
 * Verbs that tie a speaker to words anywhere later in the same sentence
 * ("X said that the deal is a “historic step”", "what it calls “…”",
 * "X considers Crimea to be “…”"). Kept to verbs that are rarely anything but
 * reporting verbs, because a wrong one turns a scare quote into a quotation.
 */
export const REPORTING_VERBS = set(`
  said says say stated states told tells added adds explained explains noted notes
  stressed stresses emphasized emphasizes emphasised emphasises insisted insists
  warned warns declared declares announced announces argued argues claimed asserted
  asserts wrote writes called calls described describes considers considered
  regards regarded views viewed labelled labeled labels dubbed dubs termed
  urged urges promised promises vowed vows pledged pledges reiterated reiterates
  acknowledged acknowledges admitted admits confirmed confirms denied denies
  suggested suggests predicted predicts demanded demands characterized characterised
  characterizes characterises referred refers branded brands
`);

/**
 * Verbs that attribute a quotation only when they touch it: "“…,” he continued"
 * or "X replied: “…”". Elsewhere in a sentence they mean something else
 * ("The union continues to strike …"), so they are not {@link REPORTING_VERBS}.
 */
export const ADJACENT_SPEECH_VERBS = new Set([
  ...REPORTING_VERBS,
  ...set(`
    continued concluded replied responded remarked commented answered asked recalled
    observed quipped joked tweeted posted shouted whispered cautioned conceded
    countered objected explained elaborated summarized summarised pointed put
    clarified specified complained lamented boasted admitted reminded told
  `),
]);

/**
 * Words allowed between a speaker and the verb ("The ministry has repeatedly
 * stated"); besides these, any lowercase word ending in -ly is an adverb.
 */
export const AUXILIARIES = set(`
  has have had was were is are also later then again once further previously earlier
  reportedly repeatedly already now still never recently today yesterday
`);

/** Nouns that make a phrase a role ("Finance Ministry spokeswoman", "Foreign Minister"). */
export const ROLE_NOUNS = set(`
  spokesman spokeswoman spokesperson spokespeople spokesmen secretary minister president
  premier chancellor senator governor mayor chief head director ambassador envoy adviser
  advisor aide official officials leader general commander chairman chairwoman chair
  ceo founder analyst analysts expert experts professor economist lawyer attorney judge
  prosecutor representative lawmaker legislator mp negotiator diplomat king queen prince
  pope cardinal bishop coach captain manager officer researcher scientist doctor
  journalist correspondent editor author activist candidate councillor councilor
  commissioner inspector sheriff superintendent dean rector mr mrs ms dr sen rep gov
  chairperson speaker deputy prof rev capt sgt lt col
`);

/** Modifiers that may sit inside a role phrase ("former deputy foreign minister"). */
export const ROLE_MODIFIERS = set(`
  former acting interim senior top deputy vice foreign prime press chief defense defence
  finance interior health state general executive managing principal lead national
  regional local federal presidential military security economic union opposition party
  campaign city council government police army industry company community trade labour
  labor rights business team club
`);

/**
 * Nouns that make a capitalized name an institution rather than a person
 * ("Foreign Ministry", "European Commission"), so "it" can refer to it.
 */
export const INSTITUTION_NOUNS = set(`
  ministry government council commission committee agency office department
  parliament assembly congress senate court union federation states nations republic
  kingdom army forces police bank company corporation group party embassy administration
  authority authorities service institute university foundation fund organization
  organisation alliance bureau cabinet house team club board ministries
  secretariat directorate inc ltd
`);

/** Lowercase name particles inside personal names ("Ursula von der Leyen"). */
export const NAME_PARTICLES = set(`de da di du van von der den bin al la le del dos das ter ten`);

/**
 * Capitalized words that start sentences or clauses but are never part of a
 * speaker's name ("Although Roe called …", "On Friday, …").
 */
export const NON_NAME_WORDS = set(`
  The A An On In At According When While Although Though But And Or So As After Before If
  For By From With Without This That These Those It He She They We I You Our Its His Her
  Their My Your Most Many Some Any Notably Meanwhile However Moreover Still Yet Then Now
  Today Yesterday Also Asked Speaking Earlier Later Last Next Such Both Each Every All No
  Not Only Even Since Until Unless Because Despite During Under Over Into Onto Upon Why
  What Who Whom Whose Which Where How There Here Mr Mrs Ms Dr Analysis Update Updated
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday
  January February March April May June July August September October November December
`);

/** Titles written abbreviated before a name ("Sen. John Thune", "Dr. Maria Gonzalez"). */
export const TITLE_ABBREVIATIONS = set(`mr mrs ms mx dr prof sen rep gov gen lt col capt sgt rev fr`);

/** Forms of address that are not a role: dropped from the role ("Mr. Smith" has none). */
export const HONORIFICS = set(`mr mrs ms miss mx dr`);

/** Subject pronouns that resolve to an earlier named speaker. */
export const PRONOUNS = new Map<string, 'person' | 'organization' | 'any'>([
  ['he', 'person'],
  ['she', 'person'],
  ['it', 'organization'],
  ['they', 'any'],
]);

/**
 * Abbreviations after which a period does not end a sentence. Initials (one
 * capital letter) and dotted acronyms ("U.S.") are recognized separately.
 */
export const ABBREVIATIONS = set(`
  mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr no vol vs etc e.g i.e inc ltd
  co corp jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig min max
`);
