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

/** Latest year, not after `ref`, in which `month`/`day` fell on `weekday`. */
export function resolveWeekdayYear(month: number, day: number, weekday: number, ref: DayDate): number | undefined {
  for (let year = ref.year; year > ref.year - WEEKDAY_SEARCH_YEARS; year--) {
    if (!isValidDay(year, month, day)) continue;
    const d = { year, month, day };
    if (compareDays(d, ref) > 0) continue;
    if (weekdayOf(d) === weekday) return year;
  }
  return undefined;
}

/** Latest year, not after `ref`, in which `month`/`day` exists and is not after `ref`. */
export function resolveYearNotAfter(month: number, day: number, ref: DayDate): number | undefined {
  for (let year = ref.year; year > ref.year - 5; year--) {
    if (isValidDay(year, month, day) && compareDays({ year, month, day }, ref) <= 0) return year;
  }
  return undefined;
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
