/**
 * schema.org ClaimReview (JSON-LD) for the corpus's approved quotations: the
 * markup fact-checking sites publish, so a newsroom's vetted quotes can be
 * shared in a format others already read. Pure and deterministic: the same
 * corpus gives the same output (no clock, no network).
 *
 * One ClaimReview per approved quote (docs/packaging.md, "Export"):
 * - `claimReviewed`: the wording;
 * - `itemReviewed`: a Claim whose `author` is the speaker (Person, or
 *   Organization when the name is plainly an institution, e.g. "Kremlin"),
 *   `datePublished` the statement date, and one `appearance` per source;
 * - `author`: the corpus (the newsroom) as the Organization that reviewed it;
 * - `reviewRating`: textual "Accurate" (plus 5 on a 1-5 scale), the rating
 *   `quote-verifier import --format claimreview` reads back as verified wording;
 * - `url`: the corpus's own page for the quote (the newsroom config's
 *   `quotePage` template), never the source article's address: a ClaimReview's
 *   url is the review, and the source is already each `appearance`'s url.
 *   No template, no url.
 */
import { isApproved } from '../ship';
import type { Corpus, Quote, Source, Speaker } from '../schema';

/**
 * The textual rating of every exported quote. Must stay one of the import's
 * ACCURATE_RATING_NAMES (src/corpus/import/claimreview.ts) so an export can be
 * imported again; a unit test checks the round trip.
 */
export const ACCURATE_RATING = 'Accurate';
/** The numeric rating alongside it, for readers that use the scale: the top of 1-5. */
const RATING_BEST = 5;
const RATING_WORST = 1;

/**
 * Words that make a speaker's name an institution rather than a person.
 * Whole words, capitalized as in names: "Kremlin", "Ministry of Defence".
 * Conservative on purpose: a person wrongly typed Organization is worse than
 * the reverse, and an importer reads the name either way.
 */
const INSTITUTION_WORDS = [
  'Kremlin', 'White House', 'Pentagon', 'Downing Street', 'Elysée',
  'Ministry', 'Department', 'Government', 'Office', 'Council', 'Commission', 'Agency', 'Committee',
  'Parliament', 'Senate', 'Congress', 'Court', 'Embassy', 'Army', 'Police', 'Party',
  'Company', 'Corporation', 'Inc', 'Ltd', 'University', 'Association', 'Foundation',
];
const INSTITUTION = new RegExp(`(^|[^\\p{L}])(${INSTITUTION_WORDS.join('|')})($|[^\\p{L}])`, 'u');

export interface JsonLdOrganization {
  '@type': 'Organization';
  name: string;
}
export interface JsonLdPerson {
  '@type': 'Person';
  name: string;
  jobTitle?: string;
}
export interface JsonLdCreativeWork {
  '@type': 'CreativeWork';
  headline: string;
  url?: string;
  publisher?: JsonLdOrganization;
  datePublished?: string;
}
/** Another wording of the claim (src/corpus/wordings.ts): the original as `translationOfWork`, the others as `workExample`. */
export interface JsonLdWording {
  '@type': 'CreativeWork';
  inLanguage: string;
  text: string;
  headline: string;
  /** For a `workExample`: translation, transcript or outlet. */
  additionalType?: string;
  url?: string;
  publisher?: JsonLdOrganization;
  datePublished?: string;
}
export interface JsonLdClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  /** The corpus's stable quote id. */
  identifier: string;
  url?: string;
  claimReviewed: string;
  /** When an editor approved the quote (date part), where recorded. */
  datePublished?: string;
  author: JsonLdOrganization;
  reviewRating: {
    '@type': 'Rating';
    alternateName: string;
    ratingValue: number;
    bestRating: number;
    worstRating: number;
  };
  itemReviewed: {
    '@type': 'Claim';
    author: JsonLdPerson | (JsonLdOrganization & { description?: string });
    datePublished: string;
    appearance: JsonLdCreativeWork[];
    /** The claim's original-language wording, when `claimReviewed` is a translation. */
    translationOfWork?: JsonLdWording;
    /** Other vetted wordings of the claim. */
    workExample?: JsonLdWording[];
  };
}

export function isInstitution(name: string): boolean {
  return INSTITUTION.test(name);
}

function speakerNode(speaker: Speaker): JsonLdClaimReview['itemReviewed']['author'] {
  if (isInstitution(speaker.name)) {
    // An organization has no job title; its role ("Russian government") describes it.
    return { '@type': 'Organization', name: speaker.name, ...(speaker.role ? { description: speaker.role } : {}) };
  }
  return { '@type': 'Person', name: speaker.name, ...(speaker.role ? { jobTitle: speaker.role } : {}) };
}

function appearance(source: Source): JsonLdCreativeWork {
  return {
    '@type': 'CreativeWork',
    headline: source.title,
    ...(source.url ? { url: source.url } : {}),
    ...(source.publisher ? { publisher: { '@type': 'Organization', name: source.publisher } } : {}),
    ...(source.published ? { datePublished: source.published } : {}),
  };
}

function wordingNode(w: NonNullable<Quote['original']>, kind?: string): JsonLdWording {
  return {
    '@type': 'CreativeWork',
    inLanguage: w.lang,
    text: w.text,
    headline: w.source.title,
    ...(kind ? { additionalType: kind } : {}),
    ...(w.source.url ? { url: w.source.url } : {}),
    ...(w.source.publisher ? { publisher: { '@type': 'Organization', name: w.source.publisher } } : {}),
    ...(w.source.published ? { datePublished: w.source.published } : {}),
  };
}

/** The date part of an ISO date-time ("2026-11-20T10:00:00Z" -> "2026-11-20"). */
function datePart(at: string | undefined): string | undefined {
  const m = at === undefined ? null : /^(\d{4}-\d{2}-\d{2})/.exec(at);
  return m ? m[1] : undefined;
}

/** `{id}` in a quote page template is the quote's id (URL-encoded). */
export function quotePageUrl(template: string, id: string): string {
  return template.split('{id}').join(encodeURIComponent(id));
}

export function quoteToClaimReview(quote: Quote, reviewer: string, quotePage?: string): JsonLdClaimReview {
  const url = quotePage === undefined ? undefined : quotePageUrl(quotePage, quote.id);
  const approvedOn = datePart(quote.review?.at);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: quote.id,
    ...(url ? { url } : {}),
    claimReviewed: quote.text,
    ...(approvedOn ? { datePublished: approvedOn } : {}),
    author: { '@type': 'Organization', name: reviewer },
    reviewRating: { '@type': 'Rating', alternateName: ACCURATE_RATING, ratingValue: RATING_BEST, bestRating: RATING_BEST, worstRating: RATING_WORST },
    itemReviewed: {
      '@type': 'Claim',
      author: speakerNode(quote.speaker),
      datePublished: quote.date,
      appearance: quote.sources.map(appearance),
      ...(quote.original ? { translationOfWork: wordingNode(quote.original) } : {}),
      ...(quote.variants?.length ? { workExample: quote.variants.map((v) => wordingNode(v, v.kind)) } : {}),
    },
  };
}

export interface ClaimReviewExport {
  /** Always an array, in corpus order, even for one quote: one shape to read. */
  reviews: JsonLdClaimReview[];
  /** Quotes not exported because they are not approved. */
  withheld: { pending: number; rejected: number };
}

/**
 * The approved quotes as ClaimReviews; pending and rejected ones are counted,
 * not exported. `quotePage`: the URL template of the corpus's page for a quote
 * (`https://newsroom.example/quotes/{id}`).
 */
export function corpusToClaimReviews(corpus: Corpus, options: { quotePage?: string } = {}): ClaimReviewExport {
  const reviews = corpus.quotes.filter(isApproved).map((q) => quoteToClaimReview(q, corpus.name, options.quotePage));
  const states = corpus.quotes.map((q) => q.review?.state);
  return {
    reviews,
    withheld: { pending: states.filter((s) => s === 'pending').length, rejected: states.filter((s) => s === 'rejected').length },
  };
}
