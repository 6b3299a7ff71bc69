// Regression (issue 15 item 4): Date.parse('2021-02-29') is 1 March in V8, so a check built on it
// let impossible days through to the database. The one calendar check says why a day is not one.
import { describe, expect, it } from 'vitest';
import { calendarDateProblem, daysInMonth, isCalendarDate } from '../../../gis-data/calendar-date';
import { parseDate } from '../../../gis-data/ledger/parse-values';

describe('calendar days', () => {
  it('refuses days that Date.parse would roll over into the next month, and says why', () => {
    expect(Number.isNaN(Date.parse('2021-02-29'))).toBe(false); // the trap
    expect(calendarDateProblem('2021-02-29')).toBe('"2021-02-29": February 2021 has 28 days, so day 29 does not exist');
    expect(calendarDateProblem('2020-04-31')).toContain('April 2020 has 30 days');
    expect(calendarDateProblem('2020-02-30')).toContain('February 2020 has 29 days');
    expect(calendarDateProblem('2020-13-01')).toContain('no month 13');
    expect(calendarDateProblem('2020-00-10')).toContain('no month 00');
    expect(calendarDateProblem('2020-01-00')).toContain('day 00 does not exist');
    expect(calendarDateProblem('0000-01-01')).toContain('year 0000');
  });

  it('refuses anything not written YYYY-MM-DD (no times, no slashes, no padding tricks)', () => {
    for (const s of ['2020-1-01', '2020/01/01', '2020-01-01T00:00:00Z', ' 2020-01-01', '20200101', '', '2020-01-01\u0000']) {
      expect(isCalendarDate(s), s).toBe(false);
    }
  });

  it('accepts real days, leap days of leap years included (2000 yes, 1900 no)', () => {
    for (const s of ['2020-02-29', '2000-02-29', '2020-12-31', '2021-04-30', '1999-01-01']) expect(calendarDateProblem(s), s).toBeNull();
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it('ledger date cells follow the same calendar (an impossible install date is a rejected cell, not a day in March)', () => {
    expect(parseDate('2021-02-29')).toBeNull();
    expect(parseDate('2021年2月29日')).toBeNull();
    expect(parseDate('20200431')).toBeNull();
    expect(parseDate('2020-02-29')).toBe('2020-02-29');
  });
});
