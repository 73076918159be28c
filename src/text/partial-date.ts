/**
 * ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD), shared by the corpus builder
 * and the card, so both agree on what a real date is. Calendar arithmetic is
 * in UTC, so the machine's time zone never matters.
 */

export interface CalendarDate {
  year: number;
  month?: number; // 1-12
  day?: number; // 1-31
}

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** The same, followed by a time part, as page metadata gives it (`2024-12-13T09:00:00Z`). */
const ISO_PARTIAL_WITH_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date (no 30 February)? */
export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parses YYYY, YYYY-MM or YYYY-MM-DD; undefined when malformed or not a
 * calendar date. `allowTime` also accepts (and ignores) a trailing time part.
 */
export function parsePartialDate(value: string, options: { allowTime?: boolean } = {}): CalendarDate | undefined {
  const m = (options.allowTime ? ISO_PARTIAL_WITH_TIME : ISO_PARTIAL).exec(options.allowTime ? value.trim() : value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  if (!isValidDay(year, month, day)) return undefined;
  return { year, month, day };
}
