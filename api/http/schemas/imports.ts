// Import reports as the importers return them (gis-data/ledger, gis-data/targets-import; see
// docs/contracts.md "## Imports"), described for the OpenAPI document.
import { z } from '@hono/zod-openapi';
import type { RejectCode } from '../../domain/imports/run-imports';
import type { SameSet } from './common';
import { REJECT_CODES } from '../../../vocabulary/ledger-rejects';

// The importer's reject codes, named once in vocabulary/ledger-rejects.ts; the check below fails
// the build when the importer gains a code that list does not have.
const codesMatch: SameSet<(typeof REJECT_CODES)[number], RejectCode> = true;
void codesMatch;

const RejectionSchema = z
  .object({
    row: z.number().int().openapi({ description: '1-based: CSV/xlsx sheet line (header is 1), else feature index' }),
    deviceId: z.string().nullable(),
    code: z.enum(REJECT_CODES).openapi({ description: 'why the row was rejected' }),
    field: z.string().nullable().openapi({ description: 'the canonical column at fault' }),
    message: z.string().openapi({ description: 'the reason in English, with the value' }),
  })
  .openapi('LedgerRejection');

const StopSchema = z
  .object({
    reason: z.enum(['row_limit', 'rejection_limit']),
    row: z.number().int().openapi({ description: 'the row at which reading stopped (not read)' }),
    message: z.string(),
  })
  .openapi('ImportStop');

export const LEDGER_FORMATS = ['csv', 'xlsx', 'geojson', 'kml', 'osm-json', 'gb28181'] as const;
export const CRS_NAMES = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

// A field's value in the re-import diff, as stored or as the file has it: text (dates as
// YYYY-MM-DD), a number, null (empty, and always for passwords), or the PTZ presets.
const ChangeValue = z.union([z.string(), z.number(), z.null(), z.array(z.record(z.string(), z.unknown()))]);

export const LedgerReportSchema = z
  .object({
    runId: z.number().int().nullable(),
    fileName: z.string(),
    format: z.enum(LEDGER_FORMATS),
    crs: z.enum(CRS_NAMES),
    dryRun: z.boolean(),
    committed: z.boolean(),
    mapping: z.record(z.string(), z.string()).openapi({ description: 'source header → canonical column' }),
    unmappedHeaders: z.array(z.string()),
    counts: z.object({
      rows: z.number().int(),
      add: z.number().int(),
      update: z.number().int().openapi({ description: 'existing cameras whose values the commit changes (listed in changes)' }),
      unchanged: z.number().int().openapi({ description: 'existing cameras the file leaves exactly as they are (not rewritten)' }),
      reject: z.number().int(),
      assumed: z.number().int(),
      skipped: z.number().int(),
    }),
    rejections: z.array(RejectionSchema).openapi({
      description:
        'the first rejected rows by row number (at most 100 in an API response); counts.reject is how many there are: page them all with GET /imports/runs/{runId}/rejections',
    }),
    assumed: z.array(z.object({ row: z.number().int(), deviceId: z.string(), fields: z.array(z.string()) })),
    changes: z
      .array(
        z.object({
          row: z.number().int(),
          deviceId: z.string(),
          fields: z.array(
            z.object({
              field: z.string(),
              before: ChangeValue.openapi({ description: 'stored value (null for onvif_password and gb_password, never shown)' }),
              after: ChangeValue.openapi({ description: "the file's value (null for onvif_password and gb_password, never shown)" }),
            }),
          ),
        }),
      )
      .openapi({ description: 'the updates field by field (first 1,000)' }),
    gcjOffset: z.object({
      checked: z.boolean(),
      likely: z.boolean().openapi({ description: 'the positions look GCJ-02 although declared WGS-84' }),
      sampled: z.number().int(),
      medianRawM: z.number().nullable().openapi({ description: 'median distance to the nearest road as given, m' }),
      medianShiftedM: z.number().nullable().openapi({ description: 'median distance after a GCJ-02 → WGS-84 shift, m' }),
    }),
    stopped: StopSchema.nullable().openapi({
      description: 'why the run stopped before the end of the file (row or rejected-row limit); a stopped run never commits',
    }),
  })
  .openapi('LedgerImportReport');

export const RejectionPageSchema = z
  .object({
    runId: z.number().int(),
    total: z.number().int().openapi({ description: 'rejected rows of the run in all' }),
    rejections: z.array(RejectionSchema),
    nextCursor: z.string().nullable().openapi({ description: 'pass as cursor for the next page; null on the last page' }),
  })
  .openapi('LedgerRejectionPage');

export const RunIdParam = z.object({
  runId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ type: 'integer', example: 12 }),
});

export const VectorReportSchema = z
  .object({
    fileName: z.string(),
    committed: z.boolean(),
    added: z.number().int(),
    repaired: z
      .array(z.object({ feature: z.number().int(), reason: z.string() }))
      .openapi({ description: 'the first 1,000 repaired features (counts.repaired: all)' }),
    rejected: z
      .array(z.object({ feature: z.number().int(), reason: z.string() }))
      .openapi({ description: 'the first 1,000 rejected features (counts.rejected: all)' }),
    counts: z.object({ features: z.number().int(), repaired: z.number().int(), rejected: z.number().int() }),
    stopped: StopSchema.nullable().openapi({ description: 'why the run stopped before the end of the file; a stopped run never commits' }),
  })
  .openapi('VectorImportReport');

const mappingJson = z
  .string()
  .max(10_000)
  .transform((s, ctx) => {
    try {
      const v = JSON.parse(s) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'))
        return v as Record<string, string>;
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: 'custom', message: 'expected a JSON object {"source header": "canonical column"}' });
    return z.NEVER;
  });

export const CameraImportOptionsSchema = z.object({
  format: z.enum(LEDGER_FORMATS).optional().openapi({ description: 'detected from the file name and content when absent' }),
  crs: z
    .enum(CRS_NAMES)
    .optional()
    .openapi({ description: 'coordinate system of the file (default wgs84); GCJ-02 and BD-09 are converted' }),
  adminCode: z
    .string()
    .regex(/^\d{8}$/, 'expected 8 digits')
    .optional()
    .openapi({ description: 'admin code prefix for ids derived for OSM cameras' }),
});

export const FileName = z.string().min(1).max(200).optional().openapi({
  example: 'ledger.csv',
  description: 'the file name (its extension tells the format); optional with a multipart upload, whose file part names it',
});

export const CameraUploadQuery = CameraImportOptionsSchema.extend({
  fileName: FileName,
  mapping: mappingJson.optional().openapi({ type: 'string', description: 'JSON object: source header → canonical column' }),
});

export const CameraRerunBody = CameraImportOptionsSchema.extend({
  mapping: z.record(z.string(), z.string()).optional(),
  skipInvalid: z.boolean().optional().openapi({ description: 'commit the valid rows even when some are rejected' }),
});

export const UploadIdParam = z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'not an upload id') });

export const UploadBody = {
  content: {
    'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
    // A plain schema, not zod: the route streams the part itself (a zod form schema would make
    // the validator buffer the whole body first).
    'multipart/form-data': {
      schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } }, required: ['file'] },
    },
  },
  description:
    'the file as the raw request body, or as the part "file" of a multipart form (streamed either way; larger than the upload limit is 413)',
  required: true,
};
