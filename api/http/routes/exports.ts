// Exports: cameras and blind spots as GeoJSON, KML or CSV (UTF-8 with BOM, formula cells
// neutralised), streamed as they are read; the coverage report of a county or town as printable
// HTML or CSV.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { buildCoverageReport } from '../../domain/exports/coverage-report';
import { BLIND_SPOT_COLUMNS, blindSpotRecords, CAMERA_COLUMNS, cameraRecords } from '../../domain/exports/export-records';
import { CONTENT_TYPES, EXPORT_FORMATS, renderExport, type ExportFormat } from '../../domain/exports/formats';
import { renderReportCsv, renderReportHtml } from '../../domain/exports/render-report';
import type { AppEnv, RouteModule } from '../env';
import { BboxParam, NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { AsOfParam } from '../schemas/dates';
import { secured } from '../secured';

const Format = z.enum(EXPORT_FORMATS).default('geojson');
const AreaCode = z.string().regex(/^\d{6,12}$/, 'expected an admin area code (6 to 12 digits)');
const fileContent = (types: string[]) => Object.fromEntries(types.map((t) => [t, { schema: z.string() }]));

function stream(c: Context<AppEnv>, format: ExportFormat, name: string, chunks: AsyncGenerator<string>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done === true) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        // Headers are gone already: log and cut the stream so the client sees a broken download.
        console.error(`[api] export ${name} failed:`, (err as Error).message);
        controller.error(new Error('export failed'));
      }
    },
    async cancel() { await chunks.return(undefined); },
  });
  const ext = format === 'geojson' ? 'geojson' : format;
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${name}.${ext}"`,
    'Cache-Control': 'no-store',
  });
}

const cameras = secured(['engineer', 'planner'], createRoute({
  method: 'get', path: '/exports/cameras', tags: ['exports'], summary: 'Camera ledger export (never credentials)',
  request: { query: z.object({ format: Format, bbox: BboxParam.optional(), asOf: AsOfParam }) },
  responses: { 200: { content: fileContent(Object.values(CONTENT_TYPES)), description: 'GeoJSON, KML or CSV file' }, ...STANDARD_ERRORS },
}));

const blindSpots = secured(['viewer'], createRoute({
  method: 'get', path: '/exports/blind-spots', tags: ['exports'], summary: 'Blind spots, most important first',
  request: {
    query: z.object({
      format: Format, mode: z.enum(['design', 'now']).default('design'),
      class: z.enum(['intersection', 'road', 'hotspot', 'crowded_place']).optional(), area: AreaCode.optional(),
    }),
  },
  responses: { 200: { content: fileContent(Object.values(CONTENT_TYPES)), description: 'GeoJSON, KML or CSV file' }, ...STANDARD_ERRORS },
}));

const report = secured(['viewer'], createRoute({
  method: 'get', path: '/exports/coverage-report', tags: ['exports'], summary: 'Coverage report of a county or town (printable HTML, or CSV)',
  description: '覆盖率 by class against 100 % (design, now, at 2020-12-31), 在线率 and 完好率 against their thresholds (settings `status_thresholds`), sub-areas, ranked blind spots.',
  request: { query: z.object({ area: AreaCode, format: z.enum(['html', 'csv']).default('html'), blindSpots: z.coerce.number().int().min(0).max(1000).default(50) }) },
  responses: { 200: { content: fileContent(['text/html; charset=utf-8', 'text/csv; charset=utf-8']), description: 'The report' }, ...STANDARD_ERRORS, ...NOT_FOUND },
}));

const exportsRoutes: RouteModule = {
  name: 'exports',
  register({ api }, deps) {
    api.openapi(cameras, (c) => {
      const { format, bbox, asOf } = c.req.valid('query');
      const records = cameraRecords(deps.pool, { ...(bbox === undefined ? {} : { bbox }), ...(asOf === undefined ? {} : { asOf }) });
      return stream(c, format, 'cameras', renderExport(format, CAMERA_COLUMNS, records, 'Cameras'));
    });
    api.openapi(blindSpots, async (c) => {
      const q = c.req.valid('query');
      const { rows } = await deps.pool.query<{ ok: boolean }>("SELECT to_regclass('coverage_blind_spots') IS NOT NULL AS ok");
      async function* none() { /* coverage not computed yet: an empty export */ }
      const records = rows[0]?.ok === true
        ? blindSpotRecords(deps.pool, { mode: q.mode, ...(q.class === undefined ? {} : { class: q.class }), ...(q.area === undefined ? {} : { area: q.area }) })
        : none();
      return stream(c, q.format, 'blind-spots', renderExport(q.format, BLIND_SPOT_COLUMNS, records, 'Blind spots'));
    });
    api.openapi(report, async (c) => {
      const { area, format, blindSpots: n } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n });
      const name = `coverage-report-${data.area.code}`;
      if (format === 'csv') {
        return c.body(renderReportCsv(data), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` });
      }
      // A report is a document: forbid scripts and anything external in it.
      return c.body(renderReportHtml(data), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
    });
  },
};

export default exportsRoutes;
