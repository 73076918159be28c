/**
 * Every threshold and weight of the matching engine, in one place, each with
 * the reason for its value. docs/matching.md explains how they were
 * calibrated (unit case tables in tests/unit/match and `npm run bench`).
 */

// ---- Index ---------------------------------------------------------------

/** Quotes shorter than this many words are not indexed: two words ("Christmas truce") are a term, not an attributable quotation, and a word trigram needs three. */
export const MIN_QUOTE_WORDS = 3;

/**
 * A trigram shared by more than this fraction of the corpus says nothing
 * about which quote a span comes from ("of the russian"); it is dropped from
 * the index. 2% kept the true source in every shortlist of the prototype.
 */
export const COMMON_TRIGRAM_FRACTION = 0.02;

/** ...but a small corpus keeps every trigram up to this many quotes: dropping any would only lose recall there. */
export const COMMON_TRIGRAM_MIN_POSTINGS = 64;

/**
 * Size of the trigram bucket table: 2^floor(log2(trigram occurrences)),
 * between these bounds, so one or two trigrams per bucket. Collisions only
 * cost a look at a posting (its 8-bit tag rejects the other trigram), and at
 * 100k quotes the table stays at 8 MB of the index's 28.
 */
export const TABLE_BITS_MIN = 10;
export const TABLE_BITS_MAX = 22;

// ---- Shortlist -----------------------------------------------------------

/**
 * A quote becomes a candidate for a span when they share at least this many
 * distinct trigrams. One shared trigram is three words in a row, which two
 * unrelated sentences share easily ("said on tuesday"); two is rare by chance
 * and survives up to three scattered word edits in most quotes.
 */
export const MIN_SHARED_TRIGRAMS = 2;

/**
 * Spans of up to SHORT_SPAN_WORDS words need only this many shared
 * trigrams when no quote shares MIN_SHARED_TRIGRAMS with them: a short
 * quotation with three edited words may keep just one (every edit breaks up
 * to three), and a 3-4 word span has only one or two. Alignment still
 * decides, so this costs time, not precision.
 */
export const MIN_SHARED_TRIGRAMS_SHORT_SPAN = 1;
export const SHORT_SPAN_WORDS = 12;

/**
 * At query time, a trigram with more postings than this is skipped when the
 * span has at least QUERY_MIN_RARE_TRIGRAMS rarer ones: at 100k quotes the
 * few hundred-posting buckets cost most of the lookup time and the source
 * of a span shares its rare trigrams too.
 */
export const QUERY_COMMON_POSTINGS = 256;
export const QUERY_MIN_RARE_TRIGRAMS = 3;

/** At most this many candidate quotes per span, by shared trigrams, go to alignment (the prototype found the true source always in the top 5). */
export const MAX_CANDIDATES_PER_SPAN = 5;

/** ...plus one more candidate per this many span words, so a long quoted passage holding several quotations keeps them all. */
export const EXTRA_CANDIDATE_PER_WORDS = 20;

/**
 * A candidate whose shared trigrams are fewer than this fraction of those of
 * a candidate over the same page words is dropped before alignment: the
 * source of a span shares far more of it than quotes that only share a
 * common phrase, and each alignment costs time.
 */
export const CANDIDATE_MIN_HIT_RATIO = 0.25;

/** Hits of one quote further apart than the quote's length plus this many words are separate occurrences on the page. */
export const CLUSTER_SLACK_WORDS = 8;

// ---- Verified ------------------------------------------------------------

/** An exact excerpt must have at least this many words to verify (issue 3): "we will not" is not attributable to anyone. */
export const MIN_EXCERPT_WORDS = 5;

/** Excerpts joined by an ellipsis: each piece must have at least this many words, so single words cannot be stitched into a new sentence. */
export const MIN_ELLIPSIS_PIECE_WORDS = 2;

/**
 * An excerpt that starts right after a negation in the verified wording
 * ("do not | believe the war will end") drops that negation; these many words
 * before the excerpt are checked, and such an excerpt is `altered`, flagged.
 */
export const NEGATION_LOOKBEHIND_WORDS = 2;

// ---- Altered (quoted spans) ----------------------------------------------

/**
 * Similarity = 1 - word edit distance / longer side. 0.6 accepts three edited
 * words in an eight-word quote (0.625), the hardest edit the benchmark
 * makes, and rejects decoys: other statements sharing a stretch of words
 * differ in a whole clause, which costs more than 40%.
 */
export const ALTERED_MIN_SIMILARITY = 0.6;

/** An altered quotation must still match this many words exactly: below that it is a quoted fragment or term, which never reads as `altered`. */
export const ALTERED_MIN_MATCHED_WORDS = 5;

/**
 * A run of words replaced by different words, longer than this, is a
 * different clause (a decoy), not an edit of the quotation. Three allows the
 * benchmark's 1-3 word edits even when adjacent.
 */
export const MAX_REPLACED_RUN = 3;

/**
 * Words inserted at an end of a quoted span that already holds the whole
 * quotation: up to this many are an alteration ("...texts yet from
 * Washington"); more are the rest of a longer quoted passage, and the
 * quotation is reported as embedded in it.
 */
export const MAX_EDGE_INSERT_WORDS = 4;

/**
 * An altered quotation that stops this many words or fewer short of an end
 * of the verified one is aligned against that end too, so a swap or a
 * dropped last word shows in the diff instead of reading as an excerpt.
 */
export const EDGE_ABSORB_WORDS = 2;

// ---- Without quotation marks ---------------------------------------------

/**
 * Text without quotation marks (a blockquote, a headline, prose) claims less,
 * and prose paraphrases: an exact run of this many words of a quotation is
 * needed to report it as verified there. Eight words of news prose do not
 * repeat a quotation by chance.
 */
export const UNQUOTED_MIN_EXCERPT_WORDS = 8;

/**
 * Outside quotation marks a quote must share this many trigrams with the
 * text to be aligned at all: a whole quotation of five words has three, and
 * a page's prose shares two with some quote or other all the time.
 */
export const UNQUOTED_MIN_SHARED_TRIGRAMS = 3;

/**
 * Text outside quotation marks is scanned paragraph by paragraph, a huge
 * paragraph in chunks of this many words overlapping by the second number
 * (longer than nearly every quotation), so index votes stay local.
 */
export const UNQUOTED_CHUNK_WORDS = 1024;
export const UNQUOTED_CHUNK_OVERLAP_WORDS = 200;

/**
 * Outside quotation marks, the quotation is aligned with the page words
 * from this many words before its first index hit to this many after its
 * last: more than the words an altered quotation can lose at an end (a
 * quarter of it, at most 3 per missing trigram), far less than a page.
 */
export const UNQUOTED_WINDOW_SLACK_WORDS = 24;

/**
 * Outside quotation marks an altered whole quotation needs this similarity:
 * reported speech ("Peskov said Russia had not seen...") reuses many words
 * and must not read as an altered quotation.
 */
export const UNQUOTED_ALTERED_MIN_SIMILARITY = 0.8;

// ---- Another wording (variant) --------------------------------------------

/**
 * A quoted span below the altered bar is another wording of a corpus statement
 * (`variant`) when it shares at least this many content words with one of the
 * statement's vetted wordings (function words left out, words compared by stem:
 * VARIANT_STEM_*). The wire translation of Peskov's 16 December 2025 remark
 * shares 6 of 9 with the corpus wording; his other sentences of that day share
 * 2 (English) and 3 (Russian) with it (tests/unit/match/variants.test.ts).
 */
export const VARIANT_MIN_SHARED_WORDS = 4;

/**
 * ...and the shared content words are at least this share of both wordings'
 * content words together (Dice: 2 x shared / (page's + vetted's)). Translations
 * of one remark keep its nouns and verbs: the cases score 0.67; a decoy sentence
 * that shares "want", "war" and "peace" scores 0.2-0.3. Half keeps both apart
 * with room on each side.
 */
export const VARIANT_MIN_DICE = 0.5;

/**
 * Two words are one content word when they share a prefix this long, or the
 * shorter word less VARIANT_STEM_SLACK letters when that is less (and at least
 * VARIANT_STEM_MIN): inflections vary the ending (войны / войну, Ukraine /
 * Ukrainians, перемирие / перемирия), rarely more than the last two letters,
 * while the first six letters of two different words seldom agree.
 */
export const VARIANT_STEM_PREFIX = 6;
export const VARIANT_STEM_SLACK = 2;
export const VARIANT_STEM_MIN = 3;

/**
 * A page dated (its own publication date, where it gives one) more than this
 * many days after the statement does not make a `variant`: coverage of a remark
 * follows it within days, while a page a month later sharing its words is as
 * likely quoting another statement on the same subject.
 */
export const VARIANT_MAX_DAYS_AFTER = 31;

/** ...nor one dated more than this many days before it (a day of slack for time zones and partial dates). */
export const VARIANT_MAX_DAYS_BEFORE = 1;

/**
 * At most this many corpus quotations of the speakers named near a span are
 * compared with it (newest first): bounds the work on a page naming a speaker
 * with thousands of quotations; each comparison is a few hundred prefix checks.
 */
export const VARIANT_MAX_CANDIDATES = 2000;

// ---- Scores --------------------------------------------------------------

/** A homoglyph word counts as this fraction of an edit in the score: the page text is not the verified text, though it reads the same. */
export const HOMOGLYPH_EDIT_WEIGHT = 0.5;

// ---- Attribution ---------------------------------------------------------

/** An attribution ("Zelensky said") is looked for at most this many words from the quotation, within its sentence. */
export const ATTRIBUTION_MAX_DISTANCE_WORDS = 12;

/** Paragraph text read on each side of a quotation for its attribution: about 100 words, enough for the nearest earlier sentences. */
export const ATTRIBUTION_CONTEXT_CHARS = 600;

// ---- Lookup (a fact-checker's selection) ---------------------------------

/** Nearest quotations returned by `lookup`. */
export const LOOKUP_NEAREST = 8;

/** Quotes taken from the index (shared trigrams, then shared rare words) to rank. */
export const LOOKUP_SHORTLIST = 30;

/**
 * Selections up to this many characters are ranked by fuse.js, which
 * forgives typos; longer ones by word alignment: fuse.js splits patterns
 * into 32-character pieces, and two pieces still rank well.
 */
export const LOOKUP_FUSE_MAX_CHARS = 64;

/**
 * A quotation found in or around a selection is the selection's answer when
 * the selection covers at least this share of it, or it covers this share of
 * the selection: "Peskov said: “…”" and a few words inside a quotation both
 * name their quotation; narration that only touches the next quotation's
 * first word does not.
 */
export const LOOKUP_MIN_OVERLAP_SHARE = 0.5;

/** fuse.js threshold for ranking the shortlist: loose, since the shortlist is already close; 0 is exact. */
export const LOOKUP_FUSE_THRESHOLD = 0.6;

// ---- Alignment -----------------------------------------------------------

/** Alignments larger than this many cells (words x words) are cut to the region around the hits: keeps a pathological page from stalling the background. */
export const MAX_ALIGN_CELLS = 4_000_000;
