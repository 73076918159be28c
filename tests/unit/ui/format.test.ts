import { describe, expect, it } from 'vitest';
import { describeTimeBefore, formatStatementDate, parsePartialDate, weekdayOf } from '../../../src/ui/format';

describe('formatStatementDate', () => {
  it('writes a full date out with its weekday', () => {
    expect(formatStatementDate('2024-12-13', 'day')).toBe('Friday, 13 December 2024');
    expect(formatStatementDate('2025-12-16', 'day')).toBe('Tuesday, 16 December 2025');
    expect(formatStatementDate('2024-02-29', 'day')).toBe('Thursday, 29 February 2024');
  });

  it('prints partial dates as they are, never inventing a day', () => {
    expect(formatStatementDate('2024-12', 'month')).toBe('December 2024');
    expect(formatStatementDate('2024', 'year')).toBe('2024');
  });

  it('lets the precision cap what is printed', () => {
    expect(formatStatementDate('2024-12-01', 'month')).toBe('December 2024');
    expect(formatStatementDate('2024-12-01', 'year')).toBe('2024');
  });

  it('returns unreadable input unchanged', () => {
    expect(formatStatementDate('last week')).toBe('last week');
    expect(formatStatementDate('2023-02-30', 'day')).toBe('2023-02-30');
  });
});

describe('parsePartialDate', () => {
  it('keeps the written calendar day of an ISO date-time', () => {
    expect(parsePartialDate('2024-12-16T23:30:00-05:00')).toEqual({ year: 2024, month: 12, day: 16 });
  });
  it('refuses impossible months and days', () => {
    expect(parsePartialDate('2024-13')).toBeUndefined();
    expect(parsePartialDate('2023-02-29')).toBeUndefined();
  });
});

describe('weekdayOf', () => {
  it('agrees with known calendar days', () => {
    expect(weekdayOf(2000, 1, 1)).toBe('Saturday');
    expect(weekdayOf(1969, 7, 20)).toBe('Sunday');
  });
});

describe('describeTimeBefore', () => {
  it('counts days for recent statements', () => {
    expect(describeTimeBefore('2024-12-13', 'day', '2024-12-16')).toBe('said 3 days before this page');
    expect(describeTimeBefore('2024-12-15', 'day', '2024-12-16T08:00:00Z')).toBe('said 1 day before this page');
    expect(describeTimeBefore('2024-12-16', 'day', '2024-12-16')).toBe('said the same day as this page');
  });

  it('switches to months, then years', () => {
    expect(describeTimeBefore('2024-01-20', 'day', '2024-06-10')).toBe('said 4 months before this page');
    expect(describeTimeBefore('2020-03-01', 'day', '2024-06-10')).toBe('said 4 years before this page');
  });

  it('compares a partial date at its own precision', () => {
    expect(describeTimeBefore('2024-09', 'month', '2024-12-16')).toBe('said 3 months before this page');
    expect(describeTimeBefore('2024-12', 'month', '2024-12-16')).toBe('said the same month as this page');
    expect(describeTimeBefore('2021', 'year', '2024-12-16')).toBe('said 3 years before this page');
    // The string has a day but the corpus vouches only for the month.
    expect(describeTimeBefore('2024-12-01', 'month', '2024-12-30')).toBe('said the same month as this page');
  });

  it('says "after" when the page predates the statement', () => {
    expect(describeTimeBefore('2024-12-20', 'day', '2024-12-16')).toBe('said 4 days after this page');
  });

  it('gives nothing for an unreadable page date', () => {
    expect(describeTimeBefore('2024-12-20', 'day', 'yesterday')).toBeUndefined();
  });
});

describe('dates in another UI language', () => {
  it('Ukrainian: the browser’s wording at the same precision, spans with Ukrainian plurals', async () => {
    const { setMessageSource, catalogueSource } = await import('../../../src/ui/i18n');
    const uk = (await import('../../../public/_locales/uk/messages.json')).default;
    setMessageSource(catalogueSource(uk), 'uk');
    try {
      expect(formatStatementDate('2024-12-13', 'day')).toMatch(/^п.ятниця, 13 грудня 2024/);
      expect(formatStatementDate('2024-12-13', 'month')).not.toMatch(/13/);
      expect(formatStatementDate('2024', 'year')).toBe('2024');
      expect(describeTimeBefore('2024-12-13', 'day', '2024-12-16')).toBe('сказано за 3 дні до цієї сторінки');
      expect(describeTimeBefore('2024-12-11', 'day', '2024-12-16')).toBe('сказано за 5 днів до цієї сторінки');
    } finally {
      setMessageSource(undefined);
    }
    expect(formatStatementDate('2024-12-13', 'day')).toBe('Friday, 13 December 2024');
  });
});
