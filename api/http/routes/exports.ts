// Exports: cameras and blind spots as GeoJSON, KML or CSV (UTF-8 with BOM, formula cells
// neutralised), streamed as they are read; the coverage report of a county or town as printable
// HTML or CSV.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { buildCoverageReport } from '../../domain/exports/coverage-report';
import {
  BLIND_SPOT_COLUMNS,
  blindSpotRecords,
  blindSpotsAvailable,
  CAMERA_COLUMNS,
  cameraRecords,
  WHY_COLUMNS,
} from '../../domain/exports/export-records';
import { renderXlsx, XLSX_CONTENT_TYPE } from '../../domain/exports/xlsx';
import { CONTENT_TYPES, EXPORT_FORMATS, renderExport, type ExportFormat } from '../../domain/exports/formats';
import { renderReportCsv, renderReportHtml } from '../../domain/exports/render-report';
import type { AppEnv, RouteModule } from '../env';
import { BboxParam, NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { AsOfParam } from '../schemas/dates';
import { secured } from '../secured';

const AreaCode = z.string().regex(/^\d{6,12}$/, 'expected an admin area code (6 to 12 digits)');
const fileContent = (types: string[]) => Object.fromEntries(types.map((t) => [t, { schema: z.string() }]));

function stream(
  c: Context<AppEnv>,
  format: ExportFormat | 'xlsx',
  name: string,
  chunks: AsyncGenerator<string> | AsyncGenerator<Uint8Array>,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done === true) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      } catch (err) {
        // Headers are gone already: log and cut the stream so the client sees a broken download.
        console.error(`[api] export ${name} failed:`, (err as Error).message);
        controller.error(new Error('export failed'));
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return c.body(body, 200, {
    'Content-Type': format === 'xlsx' ? XLSX_CONTENT_TYPE : CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
    'Cache-Control': 'no-store',
  });
}

const fileResponses = (formats: readonly ExportFormat[]) => ({
  200: { content: fileContent(formats.map((f) => CONTENT_TYPES[f])), description: 'The file' },
  ...STANDARD_ERRORS,
});

const cameraRoutes = EXPORT_FORMATS.map((format) => ({
  format,
  route: secured(
    ['engineer', 'planner'],
    createRoute({
      method: 'get',
      path: `/exports/cameras.${format}`,
      tags: ['exports'],
      summary: `Camera ledger as ${format.toUpperCase()} (never credentials)`,
      request: { query: z.object({ bbox: BboxParam.optional(), area: AreaCode.optional(), asOf: AsOfParam }) },
      responses: fileResponses([format]),
    }),
  ),
}));

const BLIND_SPOT_FORMATS = [...EXPORT_FORMATS, 'xlsx'] as const;
const blindSpotRoutes = BLIND_SPOT_FORMATS.map((format) => ({
  format,
  route: secured(
    ['viewer'],
    createRoute({
      method: 'get',
      path: `/exports/blind-spots.${format}`,
      tags: ['exports'],
      summary: `Blind spots as ${format === 'xlsx' ? 'an Excel workbook' : format.toUpperCase()}, most important first, with their score`,
      request: {
        query: z.object({
          mode: z.enum(['design', 'now']).default('design'),
          class: z.enum(['intersection', 'road', 'hotspot', 'crowded_place']).optional(),
          area: AreaCode.optional(),
          explain: z
            .enum(['0', '1', 'true', 'false'])
            .optional()
            .openapi({
              description: `Add the facts behind each reason as columns: ${WHY_COLUMNS.join(', ')} (distances m, densities px/m).`,
            }),
        }),
      },
      responses:
        format === 'xlsx'
          ? { 200: { content: fileContent([XLSX_CONTENT_TYPE]), description: 'The workbook' }, ...STANDARD_ERRORS }
          : fileResponses([format]),
    }),
  ),
}));

const REPORT_DESCRIPTION =
  '覆盖率 by class against 100 % (design, now, at 2020-12-31), 在线率 and 完好率 against their thresholds ' +
  '(settings `status_thresholds`), sub-areas, ranked blind spots. Without `area`, the top admin area (the city).';
const ReportQuery = z.object({ area: AreaCode.optional(), blindSpots: z.coerce.number().int().min(0).max(1000).default(50) });

const reportHtml = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/exports/coverage-report.html',
    tags: ['exports'],
    summary: 'Coverage report of a county or town, printable (HTML → PDF)',
    description: REPORT_DESCRIPTION,
    request: { query: ReportQuery },
    responses: { 200: { content: fileContent(['text/html; charset=utf-8']), description: 'The report' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

const reportCsv = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/exports/coverage-report.csv',
    tags: ['exports'],
    summary: 'Coverage report of a county or town as CSV',
    description: REPORT_DESCRIPTION,
    request: { query: ReportQuery },
    responses: { 200: { content: fileContent(['text/csv; charset=utf-8']), description: 'The report' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

const exportsRoutes: RouteModule = {
  name: 'exports',
  register({ api }, deps) {
    for (const { format, route } of cameraRoutes) {
      api.openapi(route, (c) => {
        const { bbox, area, asOf } = c.req.valid('query');
        const records = cameraRecords(deps.pool, {
          ...(bbox === undefined ? {} : { bbox }),
          ...(area === undefined ? {} : { area }),
          ...(asOf === undefined ? {} : { asOf }),
        });
        return stream(c, format, 'cameras', renderExport(format, CAMERA_COLUMNS, records, 'Cameras'));
      });
    }
    for (const { format, route } of blindSpotRoutes) {
      api.openapi(route, async (c) => {
        const q = c.req.valid('query');
        async function* none() {
          /* coverage not computed yet: an empty export */
        }
        const explain = q.explain === '1' || q.explain === 'true';
        const records = (await blindSpotsAvailable(deps.pool))
          ? blindSpotRecords(deps.pool, {
              mode: q.mode,
              explain,
              ...(q.class === undefined ? {} : { class: q.class }),
              ...(q.area === undefined ? {} : { area: q.area }),
            })
          : none();
        const columns = explain ? [...BLIND_SPOT_COLUMNS, ...WHY_COLUMNS] : BLIND_SPOT_COLUMNS;
        return stream(
          c,
          format,
          'blind-spots',
          format === 'xlsx' ? renderXlsx(columns, records, 'Blind spots') : renderExport(format, columns, records, 'Blind spots'),
        );
      });
    }
    api.openapi(reportHtml, async (c) => {
      const { area, blindSpots: n } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n });
      // A report is a document: forbid scripts and anything external in it.
      return c.body(renderReportHtml(data), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
    });
    api.openapi(reportCsv, async (c) => {
      const { area, blindSpots: n } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n });
      return c.body(renderReportCsv(data), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="coverage-report-${data.area.code}.csv"`,
      });
    });
  },
};

export default exportsRoutes;
