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
  WHY_COLUMNS,
} from '../../domain/exports/export-records';
import { renderXlsx, XLSX_CONTENT_TYPE } from '../../domain/exports/xlsx';
import { CONTENT_TYPES, EXPORT_FORMATS, renderExport, type ExportFormat } from '../../domain/exports/formats';
import { renderReportHtml } from '../../domain/exports/render-report';
import { renderReportCsv } from '../../domain/exports/render-report-csv';
import { renderReportPdf } from '../../domain/exports/render-report-pdf';
import { term } from '../../../vocabulary/glossary';
import type { AppEnv, RouteModule } from '../env';
import { BboxParam, NOT_FOUND, nullable, STANDARD_ERRORS } from '../schemas/common';
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
  score: z.number().openapi({ description: 'the rank: priority × measure (a metre of road weighs like 10 m²)' }),
  level: z.string().openapi({ description: 'the detail level the piece is judged at' }),
  area_code: z.string().nullable(),
  area_name: z.string().nullable(),
  // explain=1: the facts behind the reason; a fact that does not apply is absent.
  required_level: z.string().optional(),
  required_ppm: z.number().optional().openapi({ description: 'px/m the level requires' }),
  best_device_id: z.string().optional(),
  best_ppm: z.number().optional().openapi({ description: 'px/m the best camera reaches at the spot' }),
  best_distance_m: z.number().optional().openapi({ description: 'm' }),
  occluded_device_id: z.string().optional(),
  occluded_ppm: z.number().optional().openapi({ description: 'px/m' }),
  building_id: z.number().int().optional().openapi({ description: 'the building that hides the spot' }),
  building_height_m: z.number().optional().openapi({ description: 'm' }),
  building_height_assumed: z.boolean().optional(),
  near_zone_device_id: z.string().optional(),
  near_zone_distance_m: z.number().optional().openapi({ description: 'm' }),
  near_zone_m: z.number().optional().openapi({ description: 'the near blind zone reaches this far from the camera, m' }),
  down_device_id: z.string().optional(),
  down_state: nullable(CameraStateSchema).optional(),
  down_since: z.string().nullable().optional().openapi({ format: 'date-time', description: 'ISO 8601 time (UTC)' }),
  nearest_device_id: z.string().optional(),
  nearest_distance_m: z.number().optional().openapi({ description: 'm' }),
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
          lang: LangParam,
        }),
      },
      responses:
        format === 'xlsx'
          ? { 200: { content: fileContent([XLSX_CONTENT_TYPE]), description: 'The workbook' }, ...STANDARD_ERRORS }
          : fileResponses([format], BlindSpotExport),
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
          format === 'xlsx'
            ? renderXlsx(columns, records, term(q.lang, 'measure', 'blindSpots'), q.lang)
            : renderExport(format, columns, records, term(q.lang, 'measure', 'blindSpots'), q.lang),
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
