// Exports: cameras and blind spots as GeoJSON, KML or CSV (UTF-8 with BOM, formula cells
// neutralised), streamed as they are read; the coverage report of a county or town as printable
// HTML, an A4 PDF (made by the server, font embedded) or CSV. Chinese first; `lang=en` for English
// (CSV headers and report text from the glossary).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { buildCoverageReport } from '../../domain/exports/coverage-report';
import {
  BLIND_SPOT_COLUMNS,
  blindSpotRecords,
  blindSpotsAvailable,
  CAMERA_COLUMNS,
  cameraRecords,
} from '../../domain/exports/export-records';
import { CONTENT_TYPES, EXPORT_FORMATS, renderExport, type ExportFormat } from '../../domain/exports/formats';
import { renderReportHtml } from '../../domain/exports/render-report';
import { renderReportCsv } from '../../domain/exports/render-report-csv';
import { renderReportPdf } from '../../domain/exports/render-report-pdf';
import { term } from '../../../vocabulary/glossary';
import type { AppEnv, RouteModule } from '../env';
import { BboxParam, NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { AsOfParam } from '../schemas/dates';
import { Feature, FeatureCollection, Geometry, PointGeometry } from '../schemas/geojson';
import { BlindReasonSchema, CameraStateSchema, TargetClassSchema } from '../schemas/vocabulary';
import { CAMERA_TYPES } from '../../domain/cameras/camera-model';
import { secured } from '../secured';

const AreaCode = z.string().regex(/^\d{6,12}$/, 'expected an admin area code (6 to 12 digits)');
const LangParam = z
  .enum(['zh', 'en'])
  .default('zh')
  .describe('Language of headers and labels: zh (zh-CN, the default) or en (terms from vocabulary/glossary.ts)');
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
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const ext = format === 'geojson' ? 'geojson' : format;
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${name}.${ext}"`,
    'Cache-Control': 'no-store',
  });
}

// The GeoJSON exports' features, column for column what the CSV and KML carry (snake_case, as
// the files are read by GIS tools, not by the web app).
const num = (description: string) => z.number().nullable().openapi({ description });
const CameraExportProperties = z.object({
  device_id: z.string(),
  name: z.string(),
  type: z.enum(CAMERA_TYPES),
  height_m: z.number().openapi({ description: 'mounting height, m' }),
  azimuth_deg: num('degrees clockwise from north'),
  tilt_deg: num('degrees below the horizon'),
  hfov_deg: num('horizontal field of view, degrees'),
  vfov_deg: num('vertical field of view, degrees'),
  resolution_h: z.number().int().nullable().openapi({ description: 'px' }),
  resolution_v: z.number().int().nullable().openapi({ description: 'px' }),
  install_date: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
  removal_date: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
  owner_unit: z.string().nullable(),
  resource_class: z
    .number()
    .int()
    .min(1)
    .max(3)
    .nullable()
    .openapi({ description: '1 一类 (public security), 2 二类 (other departments), 3 三类 (social units); null: not recorded' }),
  source: z.string(),
  admin_code: z.string().nullable(),
  admin_name: z.string().nullable(),
  state: CameraStateSchema,
  reason: z.string().nullable().openapi({ description: "the agent's reason code; null when never polled" }),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  serial: z.string().nullable(),
  inventory_source: z
    .enum(['onvif', 'gb28181'])
    .nullable()
    .openapi({ description: 'which path reported the inventory (ONVIF preferred, else GB/T 28181); null when neither has' }),
});
const CameraExport = FeatureCollection(Feature(CameraExportProperties, PointGeometry)).openapi('CameraExport');

const BlindSpotExportProperties = z.object({
  rank: z.number().int().openapi({ description: '1 = most important' }),
  id: z.number().int(),
  target_id: z.number().int(),
  target_name: z.string().nullable(),
  class: TargetClassSchema,
  reason: BlindReasonSchema,
  measure: z.number().openapi({ description: 'uncovered length (m, roads) or area (m², otherwise)' }),
  unit: z.enum(['m', 'm2']),
  priority: z.number(),
  area_code: z.string().nullable(),
  area_name: z.string().nullable(),
});
const BlindSpotExport = FeatureCollection(Feature(BlindSpotExportProperties, Geometry)).openapi('BlindSpotExport');

const fileResponses = (formats: readonly ExportFormat[], geojson: z.ZodTypeAny) => ({
  200: {
    content: Object.fromEntries(formats.map((f) => [CONTENT_TYPES[f], { schema: f === 'geojson' ? geojson : z.string() }])),
    description: 'The file',
  },
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
      request: { query: z.object({ bbox: BboxParam.optional(), area: AreaCode.optional(), asOf: AsOfParam, lang: LangParam }) },
      responses: fileResponses([format], CameraExport),
    }),
  ),
}));

const blindSpotRoutes = EXPORT_FORMATS.map((format) => ({
  format,
  route: secured(
    ['viewer'],
    createRoute({
      method: 'get',
      path: `/exports/blind-spots.${format}`,
      tags: ['exports'],
      summary: `Blind spots as ${format.toUpperCase()}, most important first`,
      request: {
        query: z.object({
          mode: z.enum(['design', 'now']).default('design'),
          class: z.enum(['intersection', 'road', 'hotspot', 'crowded_place']).optional(),
          area: AreaCode.optional(),
          lang: LangParam,
        }),
      },
      responses: fileResponses([format], BlindSpotExport),
    }),
  ),
}));

const REPORT_DESCRIPTION =
  '覆盖率 by class against 100 % (design, now, at 2020-12-31), 在线率 and 完好率 against their thresholds ' +
  '(settings `status_thresholds`), sub-areas, ranked blind spots. Without `area`, the top admin area (the city).';
const ReportQuery = z.object({
  area: AreaCode.optional(),
  blindSpots: z.coerce.number().int().min(0).max(1000).default(50),
  lang: LangParam,
});

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

const reportPdf = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/exports/coverage-report.pdf',
    tags: ['exports'],
    summary:
      'Coverage report of a county or town as an A4 PDF (Noto Sans SC embedded), with the map of blind spots per county and the deadline chart',
    description: REPORT_DESCRIPTION,
    request: { query: ReportQuery },
    responses: { 200: { content: fileContent(['application/pdf']), description: 'The report' }, ...STANDARD_ERRORS, ...NOT_FOUND },
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
        const { bbox, area, asOf, lang } = c.req.valid('query');
        const records = cameraRecords(deps.pool, {
          ...(bbox === undefined ? {} : { bbox }),
          ...(area === undefined ? {} : { area }),
          ...(asOf === undefined ? {} : { asOf }),
        });
        return stream(c, format, 'cameras', renderExport(format, CAMERA_COLUMNS, records, term(lang, 'measure', 'cameras'), lang));
      });
    }
    for (const { format, route } of blindSpotRoutes) {
      api.openapi(route, async (c) => {
        const q = c.req.valid('query');
        async function* none() {
          /* coverage not computed yet: an empty export */
        }
        const records = (await blindSpotsAvailable(deps.pool))
          ? blindSpotRecords(deps.pool, {
              mode: q.mode,
              ...(q.class === undefined ? {} : { class: q.class }),
              ...(q.area === undefined ? {} : { area: q.area }),
            })
          : none();
        return stream(
          c,
          format,
          'blind-spots',
          renderExport(format, BLIND_SPOT_COLUMNS, records, term(q.lang, 'measure', 'blindSpots'), q.lang),
        );
      });
    }
    api.openapi(reportHtml, async (c) => {
      const { area, blindSpots: n, lang } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n, figures: true });
      // A report is a document: no scripts, nothing external; its font comes from this server.
      return c.body(renderReportHtml(data, lang), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self'",
      });
    });
    api.openapi(reportPdf, async (c) => {
      const { area, blindSpots: n, lang } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n, figures: true });
      const pdf = await renderReportPdf(data, lang);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="coverage-report-${data.area.code}-${lang}.pdf"`,
        'Cache-Control': 'no-store',
      });
    });
    api.openapi(reportCsv, async (c) => {
      const { area, blindSpots: n, lang } = c.req.valid('query');
      const data = await buildCoverageReport(deps.pool, area, { blindSpots: n });
      return c.body(renderReportCsv(data, lang), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="coverage-report-${data.area.code}.csv"`,
      });
    });
  },
};

export default exportsRoutes;
