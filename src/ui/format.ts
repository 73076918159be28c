/**
 * Date wording for the card. Pure and locale-fixed (English month and weekday
 * names computed here, not by Intl) so the card reads the same in every
 * browser and the tests are deterministic.
 *
 * Statement dates in the corpus are partial: YYYY, YYYY-MM or YYYY-MM-DD, with
 * `datePrecision` saying which. A partial date is printed as it is; a day or a
 * weekday is never invented.
 */
import type { DatePrecision } from '../corpus/schema';
import { parsePartialDate as parseIsoPartialDate, type CalendarDate } from '../text/partial-date';
import { isEnglishUi, t, uiLocale } from './i18n';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Below this many days, "how long before" counts days; "45 days" reads better than "1 month". */
const DAYS_UNTIL_MONTHS = 60;
/** Below this many months, it counts months; above, years ("18 months", then "3 years"). */
const MONTHS_UNTIL_YEARS = 24;

export type PartialDate = CalendarDate;

/**
 * Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO date-time (the date part is
 * kept as written: a page's `article:published_time` names the publisher's
 * own calendar day). Returns undefined for anything else, including impossible
 * days such as 2023-02-30.
 */
export function parsePartialDate(value: string): PartialDate | undefined {
  return parseIsoPartialDate(value, { allowTime: true });
}

/** Keeps only the parts `precision` vouches for. */
export function truncateToPrecision(date: PartialDate, precision: DatePrecision): PartialDate {
  if (precision === 'year') return { year: date.year };
  if (precision === 'month') return date.month === undefined ? { year: date.year } : { year: date.year, month: date.month };
  return date;
}

export function precisionOf(date: PartialDate): DatePrecision {
  if (date.day !== undefined) return 'day';
  if (date.month !== undefined) return 'month';
  return 'year';
}

/**
 * "Friday, 13 December 2024" for a full date, "December 2024" for a month,
 * "2024" for a year. The precision caps what is printed: a `month` precision
 * never prints a day even if the string has one. Unparseable input is
 * returned unchanged rather than hidden.
 */
export function formatStatementDate(value: string, precision?: DatePrecision): string {
  const parsed = parsePartialDate(value);
  if (!parsed) return value;
  const date = precision ? truncateToPrecision(parsed, precision) : parsed;
  if (date.month === undefined) return String(date.year);
  if (!isEnglishUi()) {
    const localised = localDate(date);
    if (localised) return localised;
  }
  const monthName = MONTHS[date.month - 1]!;
  if (date.day === undefined) return `${monthName} ${date.year}`;
  return `${weekdayOf(date.year, date.month, date.day)}, ${date.day} ${monthName} ${date.year}`;
}

/** Another UI language: the browser's own wording (Intl), at the same precision; undefined if Intl refuses. */
function localDate(date: PartialDate): string | undefined {
  const when = new Date(Date.UTC(date.year, date.month! - 1, date.day ?? 1));
  const parts: Intl.DateTimeFormatOptions =
    date.day === undefined ? { month: 'long', year: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  try {
    return new Intl.DateTimeFormat(uiLocale(), { ...parts, timeZone: 'UTC' }).format(when);
  } catch {
    return undefined;
  }
}

export function weekdayOf(year: number, month: number, day: number): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

/**
 * "said 3 days before this page", "said 5 months before this page",
 * "said the same day as this page", "said 2 years after this page".
 * Compared at the coarser of the two precisions, so a statement known only to
 * its month is never given a day count. Undefined when either date is unreadable.
 */
export function describeTimeBefore(
  statementDate: string,
  statementPrecision: DatePrecision,
  pagePublished: string,
): string | undefined {
  const said = parsePartialDate(statementDate);
  const page = parsePartialDate(pagePublished);
  if (!said || !page) return undefined;
  const saidP = truncateToPrecision(said, statementPrecision);
  const unit = coarser(precisionOf(saidP), precisionOf(page));
  const a = truncateToPrecision(saidP, unit);
  const b = truncateToPrecision(page, unit);

  let amount: number;
  let label: 'day' | 'month' | 'year';
  if (unit === 'day') {
    const days = Math.round((utc(b) - utc(a)) / 86_400_000);
    if (Math.abs(days) < DAYS_UNTIL_MONTHS) {
      amount = days;
      label = 'day';
    } else {
      [amount, label] = monthsOrYears(wholeMonthsBetween(a, b));
    }
  } else if (unit === 'month') {
    [amount, label] = monthsOrYears((b.year - a.year) * 12 + (b.month! - a.month!));
  } else {
    amount = b.year - a.year;
    label = 'year';
  }

  if (amount === 0) return t(label === 'day' ? 'timeSameDay' : label === 'month' ? 'timeSameMonth' : 'timeSameYear');
  const n = Math.abs(amount);
  return t(amount > 0 ? 'timeBefore' : 'timeAfter', span(n, label));
}

/** "3 days" in English; in another UI language the browser's unit wording with its plural forms ("3 дні"). */
function span(n: number, unit: 'day' | 'month' | 'year'): string {
  if (!isEnglishUi()) {
    try {
      return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(n);
    } catch {
      // Fall through to English.
    }
  }
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function monthsOrYears(months: number): [number, 'month' | 'year'] {
  if (Math.abs(months) < MONTHS_UNTIL_YEARS) return [months, 'month'];
  return [Math.trunc(months / 12), 'year'];
}

/** Whole calendar months from a to b (negative when b is earlier), counting a month only once its day is reached. */
function wholeMonthsBetween(a: PartialDate, b: PartialDate): number {
  let months = (b.year - a.year) * 12 + (b.month! - a.month!);
  if (months > 0 && b.day! < a.day!) months -= 1;
  if (months < 0 && b.day! > a.day!) months += 1;
  return months;
}

function coarser(x: DatePrecision, y: DatePrecision): DatePrecision {
  const rank: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };
  return rank[x] <= rank[y] ? x : y;
}

function utc(d: PartialDate): number {
  return Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1);
}
