// The one error handler: ApiError subclasses map to their status and code; request validation
// failures to 400 with the field; everything else to a 500 that says only "internal error" and a
// reference, with the details in the server log.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { UserFacingError } from '../../db/errors';
import { ApiError, TooManyRequestsError } from '../errors';
import { UploadQuotaError } from '../domain/imports/upload-store';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; row?: number };
}

export function errorBody(code: string, message: string, field?: string, row?: number): ErrorBody {
  const error: ErrorBody['error'] = { code, message };
  if (field !== undefined) error.field = field;
  if (row !== undefined) error.row = row;
  return { error };
}

export function zodIssueField(err: ZodError): { field: string | undefined; message: string } {
  const issue = err.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? undefined : issue.path.map(String).join('.');
  return { field, message: issue === undefined ? 'Invalid request.' : `${field === undefined ? '' : `${field}: `}${issue.message}` };
}

// Postgres errors caused by a value the client sent (bad input syntax, out of range, a NUL or
// an encoding text cannot hold) are 400s. The request guard refuses NULs before any query; these
// are the backstop, and their answer never carries the database's own text.
const PG_CLIENT_ERRORS = new Set([
  '22P02',
  '22003',
  '22007',
  '22008',
  '22023',
  '2201E',
  '22026',
  '22001',
  '22021',
  '22P05',
  '23514',
  'XX000',
]);

export function onError(err: Error, c: Context): Response {
  // The client went away (the slider moved on) and its computation was stopped: nobody reads this.
  if (c.req.raw.signal.aborted) return c.body(null, 499 as ContentfulStatusCode);
  if (err instanceof TooManyRequestsError || err instanceof UploadQuotaError) c.header('Retry-After', String(err.retryAfterSeconds));
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.field, err.row), err.status as ContentfulStatusCode);
  if (err instanceof ZodError) {
    const { field, message } = zodIssueField(err);
    return c.json(errorBody('invalid_request', message, field), 400);
  }
  if (err instanceof UserFacingError) return c.json(errorBody('bad_request', err.message), 400);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(errorBody('payload_too_large', 'The request body is larger than the upload limit.'), 413);
    // zod-openapi's media-type gate throws 415 for a JSON route sent another Content-Type; no
    // operation documents 415, and the client's mistake is a field of the request: a 400 naming it.
    if (status === 415)
      return c.json(
        errorBody(
          'invalid_request',
          `Content-Type: "${(c.req.header('content-type') ?? 'none').slice(0, 80)}" is not a body type this operation accepts (its documented request body is).`,
          'Content-Type',
        ),
        400,
      );
    if (status < 500)
      return c.json(errorBody('bad_request', err.message === '' ? 'Bad request.' : err.message), status as ContentfulStatusCode);
  }
  const pgCode = (err as { code?: unknown }).code;
  // XX000 is PostGIS' "internal" code, used for geometry parse errors of client-sent WKT too;
  // only believe it for those.
  if (
    typeof pgCode === 'string' &&
    PG_CLIENT_ERRORS.has(pgCode) &&
    (pgCode !== 'XX000' || /parse error|invalid geometry/i.test(err.message))
  ) {
    return c.json(errorBody('invalid_value', 'A value in the request is not valid for its field.'), 400);
  }
  const ref = randomBytes(4).toString('hex');
  console.error(`[api] internal error ref=${ref} ${c.req.method} ${c.req.path}:`, err);
  return c.json(errorBody('internal', `Internal error (reference ${ref}); the server log has the details.`), 500);
}
