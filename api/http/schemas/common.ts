// Schemas many routes share: the error body, pagination, bbox, and the helpers that keep the
// response schemas exact (fractions, nullable references, records over a closed set of keys).
import { z } from '@hono/zod-openapi';

/**
 * A rate or share: a fraction 0–1 in every payload (0.95 = 95 %); formatting to % is the
 * display's job. `what` says what it is a fraction of.
 */
export const Fraction = (what: string) =>
  z
    .number()
    .min(0)
    .max(1)
    .openapi({ description: `${what} (fraction 0–1)` });

/**
 * A nullable reference to a named schema. `Named.nullable()` would make the *component* itself
 * nullable for every use (a zod-to-openapi quirk), so the null is a separate branch here.
 */
export const nullable = <T extends z.ZodTypeAny>(schema: T) => z.union([schema, z.null()]);

/** An object with one required property per key of a closed set (z.record over an enum leaves them optional). */
export function keyedBy<K extends string, V extends z.ZodTypeAny>(keys: readonly K[], value: V) {
  return z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>);
}

/** True when two string unions are the same set: `const ok: SameSet<A, B> = true` fails to compile when a list drifts from its type. */
export type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** An ISO 8601 timestamp with offset, as the API writes them. */
export const Timestamp = (description = 'ISO 8601 time') => z.string().openapi({ format: 'date-time', description });

/** A calendar day. */
export const Day = (description = 'calendar day YYYY-MM-DD') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .openapi({ description });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'bbox: expected four numbers w,s,e,n' }),
      field: z.string().optional(),
      row: z.number().int().optional(),
    }),
  })
  .openapi('Error');

export const errorResponse = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The error responses every secured route can give; spread into `responses`. */
export const STANDARD_ERRORS = {
  400: errorResponse('Invalid request: the field at fault is named'),
  401: errorResponse('Not logged in'),
  403: errorResponse('Role too small, CSRF token missing, or password change required'),
} as const;

export const NOT_FOUND = { 404: errorResponse('Not found') } as const;
export const CONFLICT = { 409: errorResponse('Conflict with existing data') } as const;
export const TOO_LARGE = { 413: errorResponse('Upload larger than the limit') } as const;

/** `bbox=w,s,e,n` in degrees (WGS-84), the OGC API Features shape. */
export const BboxParam = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'expected four numbers w,s,e,n')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(
    ([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n,
    'expected w<=e, s<=n within -180..180, -90..90',
  )
  .openapi({ type: 'string', example: '108.9,32.6,109.1,32.8', description: 'w,s,e,n in degrees (WGS-84)' });

export const LimitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(5000)
  .default(500)
  .openapi({ type: 'integer', description: 'page size (1..5000, default 500)' });

/** Opaque cursor from the previous page's `nextCursor`. */
export const CursorParam = z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page' });
