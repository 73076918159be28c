/**
 * Dates: ISO partial dates from metadata, date phrases in the text, and the
 * rule that turns "Tuesday, December 16" into a year. All arithmetic is in
 * UTC on calendar days, so the build machine's time zone never matters.
 */
import type { DatePrecision } from '../schema';
import { daysInMonth, isValidDay, parsePartialDate, type CalendarDate } from '../../text/partial-date';

export { isValidDay, type CalendarDate };

export interface DayDate {
  year: number;
  month: number;
  day: number;
}

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; undefined when malformed or not a calendar date. */
export function parseIsoPartial(s: string): CalendarDate | undefined {
  return parsePartialDate(s);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDate(d: CalendarDate): string {
  if (d.month === undefined) return pad(d.year, 4);
  if (d.day === undefined) return `${pad(d.year, 4)}-${pad(d.month)}`;
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function precisionOf(d: CalendarDate): DatePrecision {
  if (d.month === undefined) return 'year';
  return d.day === undefined ? 'month' : 'day';
}

/** The last day a partial date covers: "2025-12" -> 2025-12-31, "2025" -> 2025-12-31. */
export function lastDayOf(d: CalendarDate): DayDate {
  const month = d.month ?? 12;
  return { year: d.year, month, day: d.day ?? daysInMonth(d.year, month) };
}

function toDays(d: DayDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function fromDays(n: number): DayDate {
  const t = new Date(n * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: DayDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function compareDays(a: DayDate, b: DayDate): number {
  return toDays(a) - toDays(b);
}

/**
 * How far back to look for a year in which a day fell on the named weekday.
 * The calendar repeats every 28 years within a century (400 in general), so
 * 60 years always finds one for any real day; more would only find stale ones.
 */
const WEEKDAY_SEARCH_YEARS = 60;

/** The year in which `month`/`day` fell on `weekday`, not after `ref` (see `published`). */
export function resolveWeekdayYear(month: number, day: number, weekday: number, ref: DayDate, published = false): number | undefined {
  // Against the day of publication the writer means a day near it: the nearest of last year, this
  // year and next year on that weekday, and a day still to come said nothing. Searching years back
  // instead gave a day announced for later ("the vote on Tuesday, March 15" in a piece of 10 March)
  // a year six or eleven years back. Against a retrieval date or today, the piece is older: search back.
  const near = published ? nearestYear(month, day, ref, (d) => weekdayOf(d) === weekday) : undefined;
  if (near !== undefined) return compareDays({ year: near, month, day }, ref) <= 0 ? near : undefined;
  for (let year = ref.year; year > ref.year - WEEKDAY_SEARCH_YEARS; year--) {
    if (!isValidDay(year, month, day)) continue;
    const d = { year, month, day };
    if (compareDays(d, ref) > 0) continue;
    if (weekdayOf(d) === weekday) return year;
  }
  return undefined;
}

/**
 * The year of the nearest `month`/`day` to `ref`, when that is not after
 * `ref`: "December 16" in a piece of 5 January is last December, but "On
 * Dec. 1, that changes" in a piece of July is the coming December, a day
 * nothing was said on (undefined).
 */
export function resolveYearNotAfter(month: number, day: number, ref: DayDate): number | undefined {
  const nearest = nearestYear(month, day, ref, () => true);
  return nearest !== undefined && compareDays({ year: nearest, month, day }, ref) <= 0 ? nearest : undefined;
}

/**
 * The year, within one of `ref`'s, whose `month`/`day` is nearest to `ref`
 * and passes `ok` (ties go to the earlier day).
 */
function nearestYear(month: number, day: number, ref: DayDate, ok: (d: DayDate) => boolean): number | undefined {
  let best: number | undefined;
  let bestGap = Infinity;
  for (const year of [ref.year - 1, ref.year, ref.year + 1]) {
    if (!isValidDay(year, month, day) || !ok({ year, month, day })) continue;
    const gap = Math.abs(compareDays({ year, month, day }, ref));
    if (gap < bestGap) {
      best = year;
      bestGap = gap;
    }
  }
  return best;
}

/** The latest day with `weekday` not after `ref` ("on Monday" in a piece published that week). */
export function latestWeekdayNotAfter(weekday: number, ref: DayDate): DayDate {
  const back = (weekdayOf(ref) - weekday + 7) % 7;
  return fromDays(toDays(ref) - back);
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/** A date phrase found in text. */
export interface DateMention {
  start: number;
  end: number;
  weekday?: number;
  month?: number;
  day?: number;
  year?: number;
}

const WD = '(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\\s+';
const MON =
  '(?<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(?<day>\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(?<year>\\d{4}))?';
const DATE_PATTERNS = [
  // "Tuesday, December 16", "December 16, 2025"
  new RegExp(`(?<![\\p{L}\\d])(?:${WD})?${MON}\\s+${DAY}(?![\\p{L}\\d])${YEAR}(?!\\d)`, 'gu'),
  // "Friday, 13 December", "16 December 2025", "the 13th of December"
  new RegExp(`(?<![\\p{L}\\d])(?:${WD})?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MON}(?![\\p{L}])${YEAR}(?!\\d)`, 'gu'),
  // ISO "2025-12-16"
  /(?<![\d-])(?<year>\d{4})-(?<mon>\d{2})-(?<day>\d{2})(?![\d-])/gu,
  // "on Monday", "said Tuesday" with no date: resolved against a day-precise publication date
  /(?:(?<![\p{L}])(?:[Oo]n|[Ll]ast|[Tt]his)\s+|(?<=\p{Ll}\s))(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}]|,?\s+(?:the\s+)?\d|,?\s+[A-Z][a-z]+\s+\d)/gu,
];

/** Date phrases in `text`, in order, without overlaps. Impossible days are skipped. */
export function findDateMentions(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const re of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const g = m.groups ?? {};
      const mention: DateMention = { start: m.index, end: m.index + m[0].length };
      if (g.wd) mention.weekday = WEEKDAYS.indexOf(g.wd.toLowerCase());
      if (g.mon) mention.month = /^\d+$/.test(g.mon) ? Number(g.mon) : MONTHS[g.mon.toLowerCase()];
      if (g.day) mention.day = Number(g.day);
      if (g.year) mention.year = Number(g.year);
      if (mention.month !== undefined && mention.day !== undefined) {
        const y = mention.year ?? 2000; // a leap year: 29 February is a day without a year
        if (!isValidDay(y, mention.month, mention.day)) continue;
      }
      if (found.some((f) => f.start < mention.end && mention.start < f.end)) continue;
      found.push(mention);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A phrase that says when something was said, at month or year precision,
 * or against the publication date: "in March 2009", "in a 2013 speech",
 * "in May", "last October", "in early October", "late last month",
 * "earlier this year", "last year", "eight years ago", "in 1992".
 */
export interface StatementDate {
  start: number;
  end: number;
  date: CalendarDate;
  basis: 'statement' | 'relative';
}

const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
const NUMBER_WORDS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, several: NaN, few: NaN,
};
const STATEMENT_PATTERNS: { re: RegExp; make: (g: Record<string, string | undefined>, pub: DayDate) => Omit<StatementDate, 'start' | 'end'> | undefined }[] = [
  {
    // "in March 2009", "in early October", "last October", "in May", "in a November 2006 release"
    re: new RegExp(`(?<![\\p{L}])(?<lead>[Ii]n|[Ss]ince|[Dd]uring|[Ll]ast|[Tt]his(?:\\s+past)?)\\s+(?:(?:a|an|the|his|her|their|its)\\s+)?(?:(?:early|late|mid)[-\\s])?(?<mon>${MONTH_NAMES})(?![\\p{L}])(?:,?\\s+(?<year>\\d{4}))?(?!\\s*\\d)`, 'gu'),
    make: (g, pub) => {
      const month = MONTHS[g.mon!.toLowerCase()]!;
      if (g.year) return { date: { year: Number(g.year), month }, basis: 'statement' };
      // The latest such month up to publication; "last October" in October is a year back.
      const last = /^last/iu.test(g.lead!);
      const year = month < pub.month || (month === pub.month && !last) ? pub.year : pub.year - 1;
      return { date: { year, month }, basis: 'relative' };
    },
  },
  {
    // "in 2006", "in a 2013 speech", "In 1992,", "in his 2004 memoir"
    re: /(?<![\p{L}])[Ii]n\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?<year>(?:19|20)\d{2})(?![\d%-]|\s*[-\u2013]\s*\d)/gu,
    make: (g, pub) => {
      const year = Number(g.year);
      return year <= pub.year ? { date: { year }, basis: 'statement' } : undefined;
    },
  },
  {
    // "last month", "late last month", "earlier this month"
    re: /(?<![\p{L}])(?:(?:[Ll]ate|[Ee]arly|[Ee]arlier)\s+)?(?<which>last|this)\s+month(?![\p{L}])/gu,
    make: (g, pub) => {
      const back = g.which === 'last' ? 1 : 0;
      const m = pub.month - back;
      return { date: m >= 1 ? { year: pub.year, month: m } : { year: pub.year - 1, month: 12 }, basis: 'relative' };
    },
  },
  {
    // "last year", "earlier this year", "this year"
    re: /(?<![\p{L}])(?<which>last|this)\s+year(?![\p{L}])/gu,
    make: (g, pub) => ({ date: { year: g.which === 'last' ? pub.year - 1 : pub.year }, basis: 'relative' }),
  },
  {
    // "eight years ago", "two years ago"
    re: /(?<![\p{L}])(?<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+years?\s+ago(?![\p{L}])/giu,
    make: (g, pub) => {
      const n = /^\d+$/u.test(g.n!) ? Number(g.n) : NUMBER_WORDS[g.n!.toLowerCase()];
      return n !== undefined && Number.isFinite(n) ? { date: { year: pub.year - n }, basis: 'relative' } : undefined;
    },
  },
  {
    // "last week": the week before publication, at month precision (a week is not a day)
    re: /(?<![\p{L}])last\s+week(?![\p{L}])/gu,
    make: (_g, pub) => {
      const d = fromDays(toDays(pub) - 7);
      return { date: { year: d.year, month: d.month }, basis: 'relative' };
    },
  },
];

/** Statement-date phrases in `text`, resolved against the publication day `pub`; in order, without overlaps. */
export function findStatementDates(text: string, pub: DayDate): StatementDate[] {
  const found: StatementDate[] = [];
  for (const { re, make } of STATEMENT_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const made = make(m.groups ?? {}, pub);
      if (!made) continue;
      const d: StatementDate = { start: m.index, end: m.index + m[0].length, ...made };
      if (compareDays(lastDayOf(d.date), pub) > 0 && d.date.year > pub.year) continue;
      if (found.some((f) => f.start < d.end && d.start < f.end)) continue;
      found.push(d);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
