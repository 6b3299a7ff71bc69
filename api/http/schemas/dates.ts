// The one date schema of the API (query and body alike), and the query parameters shared by
// coverage-related routes: the as-of day, "now", and a level name. A day that is written right
// but does not exist (2021-02-29, 2020-04-31) is a 400 that says so, never a query that fails
// thousands of times in the database and answers with zeros.
import { z } from '@hono/zod-openapi';
import { calendarDateProblem } from '../../../gis-data/calendar-date';

/** A calendar day YYYY-MM-DD (gis-data/calendar-date.ts decides what exists). */
export const IsoDate = z
  .string()
  .superRefine((s, ctx) => {
    const problem = calendarDateProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ format: 'date', example: '2020-12-31', description: 'a calendar day, YYYY-MM-DD' });

export const AsOfParam = IsoDate.optional().openapi({
  description: 'the day to show (cameras installed by then and not yet removed); default today',
  example: '2020-12-31',
});

/** A yes/no query flag: 1 or true for yes; 0, false or absent for no. */
const flagParam = (description: string) =>
  z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .openapi({ type: 'string', enum: ['0', '1'], description });

export const NowParam = flagParam('1: count only working cameras (coverage now)');

export const AllDatesParam = flagParam(
  'cameras layer only. 1: cameras of every date (asOf is then ignored), each with install_date and removal_date at every zoom, for a client that shows a date by filtering them itself',
);

export const LevelParam = z
  .string()
  .regex(/^[a-z_]{1,32}$/, 'expected a detail level name such as observe')
  .optional()
  .openapi({ description: 'detail level name (see the dataset standard)', example: 'observe' });

/**
 * A day YYYY-MM-DD (00:00 UTC) or an ISO 8601 date-time, for filters over timestamps (the audit
 * log). The day part is checked like IsoDate, so an impossible day gets the same reason.
 */
export const IsoDayOrInstant = z
  .string()
  .max(40)
  .superRefine((s, ctx) => {
    const problem = calendarDateProblem(s.slice(0, 10));
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    else if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) || Number.isNaN(Date.parse(s)))
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a date YYYY-MM-DD or an ISO 8601 date-time` });
  })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
  .openapi({
    type: 'string',
    anyOf: [
      { type: 'string', format: 'date' },
      { type: 'string', format: 'date-time' },
    ],
    example: '2020-12-31',
  });
