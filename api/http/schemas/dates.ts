// Query parameters shared by coverage-related routes: the as-of day, "now", and a level name.
import { z } from '@hono/zod-openapi';

export const AsOfParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  )
  .optional()
  .openapi({ description: 'the day to show (cameras installed by then and not yet removed); default today', example: '2020-12-31' });

export const NowParam = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')
  .openapi({ type: 'string', enum: ['0', '1'], description: '1: count only working cameras (coverage now)' });

export const LevelParam = z
  .string()
  .regex(/^[a-z_]{1,32}$/, 'expected a detail level name such as observe')
  .optional()
  .openapi({ description: 'detail level name (see the dataset standard)', example: 'observe' });
