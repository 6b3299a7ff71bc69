// A calendar day written YYYY-MM-DD, checked the one way every part agrees on (API query and body
// parameters, CLI flags, the coverage engine). JavaScript's Date.parse('2021-02-29') answers
// 1 March instead of failing, and PostgreSQL then refuses the value deep inside a query, so an
// impossible day must be caught here, at the edge, with the reason. Pure: no fs, pg or DOM.

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month1: number): number {
  // Day 0 of the next month is the last day of this one (UTC, so no time zone can shift it).
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Why `text` is not a calendar day YYYY-MM-DD, or null when it is one. */
export function calendarDateProblem(text: string): string | null {
  const m = SHAPE.exec(text);
  if (m === null) return `"${text.slice(0, 40)}" is not a date written YYYY-MM-DD`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) return `"${text}": year 0000 is not a calendar year`;
  if (month < 1 || month > 12) return `"${text}": there is no month ${m[2]} (01 to 12)`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `"${text}": ${MONTHS[month - 1]} ${year} has ${last} days, so day ${m[3]} does not exist`;
  return null;
}

export function isCalendarDate(text: string): boolean {
  return calendarDateProblem(text) === null;
}
