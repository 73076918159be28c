/**
 * schema.org ClaimReview (JSON-LD, as fact-checkers publish it): one object, an
 * array, or a `@graph`. Mapping:
 * - `claimReviewed` -> text;
 * - `itemReviewed.author.name` -> speaker (`itemReviewed.author.jobTitle` -> role);
 * - `itemReviewed.datePublished` -> date (a date-time keeps its date part);
 * - each `itemReviewed.appearance` / `firstAppearance` (a URL or a CreativeWork
 *   with `url`, `headline`/`name`, `publisher.name`) -> a source; with none, the
 *   review's own `url` (title: its `headline`/`name`, publisher: its `author.name`).
 *
 * Only reviews that rate the wording accurate count as verified wording
 * (`isAccurateRating`); the rest are left out and listed in the report.
 */
import { ImportError } from './errors';
import { topLevelElementLines } from './json-text';
import type { ImportField, RawRow } from './record';

/**
 * `reviewRating.alternateName` values that mean "this is what was said"
 * (compared lower-cased, trimmed, final period dropped). "Mostly true",
 * "half true", "misleading", "out of context" and the like are not: the
 * corpus holds exact wording only.
 */
export const ACCURATE_RATING_NAMES = new Set(['true', 'accurate', 'correct', 'correct attribution', 'verified', 'authentic', 'genuine']);

/** schema.org's defaults when a Rating gives no scale. */
const DEFAULT_BEST_RATING = 5;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);
const num = (x: unknown): number | undefined => {
  const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

export function isClaimReview(x: unknown): boolean {
  return isObject(x) && asArray(x['@type']).some((t) => t === 'ClaimReview' || t === 'schema:ClaimReview' || t === 'http://schema.org/ClaimReview' || t === 'https://schema.org/ClaimReview');
}

/** Top-level items: one object, an array, or the `@graph` of one object. */
export function claimReviewItems(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.flatMap((d) => (isObject(d) && Array.isArray(d['@graph']) ? d['@graph'] : [d]));
  if (isObject(data) && Array.isArray(data['@graph'])) return data['@graph'];
  return [data];
}

/**
 * The rule: a textual rating (`alternateName`) decides when present: accurate
 * only if it is one of ACCURATE_RATING_NAMES. Without one, a numeric
 * `ratingValue` must equal `bestRating` (default 5), i.e. the top of the scale.
 */
export function isAccurateRating(rating: unknown): { accurate: boolean; label: string } {
  if (!isObject(rating)) return { accurate: false, label: 'no reviewRating' };
  const name = str(rating.alternateName)?.trim();
  if (name) return { accurate: ACCURATE_RATING_NAMES.has(name.toLowerCase().replace(/\.$/, '')), label: `"${name}"` };
  const value = num(rating.ratingValue);
  const best = num(rating.bestRating) ?? DEFAULT_BEST_RATING;
  if (value === undefined) return { accurate: false, label: 'a rating with no alternateName or ratingValue' };
  return { accurate: value === best, label: `${value} of ${best}` };
}

export interface LeftOutReview {
  where: string;
  line?: number;
  text: string;
  reason: string;
}

const NAMES: Record<ImportField, string> = {
  text: 'claimReviewed',
  speaker: 'itemReviewed.author.name',
  speakerRole: 'itemReviewed.author.jobTitle',
  date: 'itemReviewed.datePublished',
  sourceTitle: 'appearance.headline',
  sourcePublisher: 'appearance.publisher.name',
  sourceUrl: 'appearance.url',
  context: 'context',
};

function nameOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  const first = asArray(x).find(isObject);
  return first ? str(first.name) : undefined;
}

interface Appearance {
  title: unknown;
  publisher?: unknown;
  url?: unknown;
}

function appearances(claim: Record<string, unknown>, review: Record<string, unknown>): Appearance[] {
  const out: Appearance[] = [];
  const seen = new Set<string>();
  for (const a of [...asArray(claim.firstAppearance), ...asArray(claim.appearance)]) {
    const url = typeof a === 'string' ? a : isObject(a) ? str(a.url) : undefined;
    if (url !== undefined && seen.has(url)) continue;
    if (url !== undefined) seen.add(url);
    if (typeof a === 'string') out.push({ title: hostTitle(a), url: a });
    else if (isObject(a)) {
      out.push({
        title: str(a.headline) ?? str(a.name) ?? (url === undefined ? undefined : hostTitle(url)),
        publisher: nameOf(a.publisher) ?? nameOf(a.author),
        url,
      });
    }
  }
  if (out.length) return out;
  const url = str(review.url);
  const checker = nameOf(review.author);
  return [
    {
      title: str(review.headline) ?? str(review.name) ?? (checker === undefined ? (url === undefined ? undefined : hostTitle(url)) : `Fact check by ${checker}`),
      publisher: checker,
      url,
    },
  ];
}

/**
 * Other wordings, as `quote-verifier export` writes them (docs/corpus-format.md): the
 * claim's `translationOfWork` is the original (a CreativeWork with `inLanguage`,
 * `text`, `headline`/`name`, `publisher`, `url`), each `workExample` another vetted
 * wording, its kind in `additionalType` (translation, transcript or outlet).
 */
function claimWordings(claim: Record<string, unknown>): RawRow['wordings'] | undefined {
  const wording = (w: Record<string, unknown>) => ({
    lang: w.inLanguage,
    text: w.text,
    source: {
      title: str(w.headline) ?? str(w.name) ?? (str(w.url) === undefined ? nameOf(w.publisher) : hostTitle(str(w.url)!)),
      ...(nameOf(w.publisher) === undefined ? {} : { publisher: nameOf(w.publisher) }),
      ...(w.url === undefined ? {} : { url: w.url }),
    },
  });
  const original = asArray(claim.translationOfWork).find(isObject);
  const variants = asArray(claim.workExample).filter(isObject).map((w) => ({ kind: w.additionalType, ...wording(w) }));
  if (!original && variants.length === 0) return undefined;
  return { ...(original ? { original: wording(original) } : {}), ...(variants.length ? { variants } : {}) };
}

/** A URL's host as a title when the appearance gives no headline. */
function hostTitle(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The date part of a date or date-time (`2025-03-10T14:00:00Z` -> `2025-03-10`). */
function datePart(x: unknown): unknown {
  const s = str(x);
  if (s === undefined) return x;
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$/.exec(s.trim());
  return m ? m[1] : s;
}

export function claimReviewRows(file: string, docBase: string, data: unknown, text: string): { rows: RawRow[]; errors: ImportError[]; leftOut: LeftOutReview[] } {
  const items = claimReviewItems(data);
  const lines = Array.isArray(data) ? topLevelElementLines(text) : [];
  const rows: RawRow[] = [];
  const errors: ImportError[] = [];
  const leftOut: LeftOutReview[] = [];
  items.forEach((item, i) => {
    const where = `item ${i + 1}`;
    const line = Array.isArray(data) ? lines[i] : isObject(data) && !Array.isArray(data['@graph']) ? 1 : undefined;
    const at = line === undefined ? {} : { line };
    if (!isClaimReview(item)) {
      leftOut.push({ where, ...at, text: '', reason: `not a ClaimReview (@type ${JSON.stringify(isObject(item) ? item['@type'] ?? null : typeof item)})` });
      return;
    }
    const review = item as Record<string, unknown>;
    const claimText = str(review.claimReviewed) ?? '';
    const rating = isAccurateRating(review.reviewRating);
    if (!rating.accurate) {
      leftOut.push({ where, ...at, text: claimText, reason: `rated ${rating.label}, not accurate` });
      return;
    }
    const claim = isObject(review.itemReviewed) ? review.itemReviewed : {};
    const author = asArray(claim.author).find(isObject);
    const [first, ...more] = appearances(claim, review);
    rows.push({
      where,
      ...at,
      docId: `${docBase}#${i + 1}`,
      names: NAMES,
      fields: {
        text: review.claimReviewed,
        speaker: author ? author.name : typeof claim.author === 'string' ? claim.author : undefined,
        speakerRole: author ? author.jobTitle : undefined,
        date: datePart(claim.datePublished),
        sourceTitle: first?.title,
        sourcePublisher: first?.publisher,
        sourceUrl: first?.url,
      },
      extraSources: more.map((a, k) => ({ docId: `${docBase}#${i + 1}.${k + 2}`, title: a.title, publisher: a.publisher, url: a.url })),
      ...(claimWordings(claim) ? { wordings: claimWordings(claim)! } : {}),
      wordingName: (path) =>
        `itemReviewed.${path[0] === 'original' ? 'translationOfWork' : `workExample[${String(path[1])}]`}.${path
          .slice(path[0] === 'original' ? 1 : 2)
          .map((p) => ({ lang: 'inLanguage', kind: 'additionalType', title: 'headline' })[String(p)] ?? String(p))
          .join('.')}`,
    });
  });
  return { rows, errors, leftOut };
}
