/**
 * The English language layer: the words and rules of English news prose that
 * the corpus builder (src/corpus/build) and the matcher (src/match) must agree
 * on. One list each; neither side keeps its own copy.
 */
export { ADJACENT_SPEECH_VERBS, REPORTING_VERBS, SPEECH_NOUNS, isParticiple } from './speech-verbs';
export { GENDERED_ROLES, HONORIFICS, ROLE_MODIFIERS, ROLE_NOUNS, TITLE_ABBREVIATIONS, UNNAMED_SOURCE_ROLE, type Gender } from './titles';
export { ABBREVIATIONS, NAME_SUFFIXES, isAbbreviationAt } from './abbreviations';
export { FIRST_PERSON, PRONOUNS, type PronounSense } from './pronouns';
