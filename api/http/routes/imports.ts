// Imports over HTTP, each a dry run first and then an explicit commit: upload the file (raw
// request body or the "file" part of a multipart form, streamed to disk encrypted, 413 above the
// limit, 429 past the user's quota of pending uploads) → report of rows to add, update and reject
// → optionally a second dry run with another column mapping → commit (or discard). Engineers only.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { discardOwnUpload, discardUpload, openUpload, safeFileName, storeUpload, type UploadMeta } from '../../domain/imports/upload-store';
import { runAreaImport, runCameraImport, runTargetImport, TARGET_CLASSES } from '../../domain/imports/run-imports';
import { BadRequestError, PayloadTooLargeError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
import { CursorParam, NOT_FOUND, STANDARD_ERRORS, TOO_LARGE, ErrorSchema, Timestamp } from '../schemas/common';
import { listImportRejections } from '../../domain/imports/rejections';
import {
  CameraRerunBody,
  CameraUploadQuery,
  FileName,
  LedgerReportSchema,
  RejectionPageSchema,
  RunIdParam,
  UploadBody,
  UploadIdParam,
  VectorReportSchema,
} from '../schemas/imports';
import { isMultipart, multipartFile } from '../multipart-file';
import { secured } from '../secured';
import { actorOf } from './cameras';

const REJECTED = {
  422: {
    content: { 'application/json': { schema: ErrorSchema } },
    description: 'The file cannot be read (format, encoding, zip bomb, entities): the message says why',
  },
};
const QUOTA = {
  429: {
    content: { 'application/json': { schema: ErrorSchema } },
    description: 'Upload quota reached (code upload_quota, Retry-After): commit or discard a pending upload first',
  },
};
const ERRORS = { ...STANDARD_ERRORS, ...TOO_LARGE, ...REJECTED };
const UPLOAD_ERRORS = { ...ERRORS, ...QUOTA };

const DryRun = (report: z.ZodTypeAny, name: string) =>
  z
    .object({
      uploadId: z.string().openapi({ description: 'use it to run again or commit without uploading again' }),
      expiresAt: Timestamp('when the server forgets the upload'),
      report,
    })
    .openapi(name);

const VectorCommit = z.object({ report: VectorReportSchema }).openapi('VectorCommit');
const LedgerDryRun = DryRun(LedgerReportSchema, 'LedgerDryRun');
const VectorDryRun = DryRun(VectorReportSchema, 'VectorDryRun');
const TargetClass = z.enum(TARGET_CLASSES);
const AreaLevel = z.enum(['county', 'town', 'city']);
const LevelName = z.string().regex(/^[a-z_]{1,32}$/, 'expected a detail level name');

async function receive(
  c: Context<AppEnv>,
  kind: string,
  queryFileName: string | undefined,
): Promise<{ meta: UploadMeta; source: ReturnType<typeof openUpload>['source'] }> {
  const limit = c.get('deps').config.uploadLimitBytes;
  const declared = Number(c.req.header('content-length') ?? '');
  // Refuse a declared oversize body before reading a byte of it.
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  const body = c.req.raw.body;
  if (body === null)
    throw new BadRequestError('Send the file as the request body, or as the "file" part of a multipart form.', { field: 'body' });
  let stream = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
  let fileName = queryFileName;
  const contentType = c.req.header('content-type');
  if (isMultipart(contentType)) {
    const part = await multipartFile(stream, contentType!);
    stream = part.stream;
    fileName ??= part.fileName;
  }
  if (fileName === undefined || fileName === '')
    throw new BadRequestError("Give the file name (query fileName, or the file part's filename): its extension tells the format.", {
      field: 'fileName',
    });
  return storeUpload(stream, {
    kind,
    fileName: safeFileName(fileName, `upload.${kind}`),
    userId: c.get('user')!.id,
    limitBytes: limit,
    policy: c.get('deps').config.uploads,
  });
}

const expires = (meta: UploadMeta) => new Date(meta.expiresAt).toISOString();

const uploadCameras = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/cameras',
    summary: 'Camera ledger (一机一档): upload and dry run',
    description:
      'CSV, xlsx, GeoJSON, KML, OSM JSON (Overpass) or a GB/T 28181 catalog. Nothing is written: the report lists rows to add, update and reject (with row and reason).',
    request: { query: CameraUploadQuery, body: UploadBody },
    responses: { 200: { content: { 'application/json': { schema: LedgerDryRun } }, description: 'Dry-run report' }, ...UPLOAD_ERRORS },
  }),
);

const rerunCameras = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/cameras/{uploadId}/dry-run',
    summary: 'Camera ledger: dry run again (another mapping, format or CRS)',
    request: {
      params: UploadIdParam,
      body: { content: { 'application/json': { schema: CameraRerunBody.omit({ skipInvalid: true }) } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: LedgerDryRun } }, description: 'Dry-run report' },
      ...ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const commitCameras = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/cameras/{uploadId}/commit',
    summary: 'Camera ledger: commit (transactional; with rejections nothing is written unless skipInvalid)',
    request: { params: UploadIdParam, body: { content: { 'application/json': { schema: CameraRerunBody } }, required: true } },
    responses: {
      200: {
        content: { 'application/json': { schema: z.object({ report: LedgerReportSchema }).openapi('LedgerCommit') } },
        description: 'Commit report (committed says whether anything was written)',
      },
      ...ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const cameraRejections = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'get',
    path: '/imports/runs/{runId}/rejections',
    summary: 'Camera ledger: the rejected rows of a dry run or commit, one page at a time in row order',
    description:
      'A report lists the first rejected rows; every rejected row of the run is stored (for 30 days) and paged here. runId is the report’s runId.',
    request: {
      params: RunIdParam,
      query: z.object({
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(100)
          .openapi({ type: 'integer', description: 'page size (1..1000, default 100)' }),
        cursor: CursorParam,
      }),
    },
    responses: {
      200: { content: { 'application/json': { schema: RejectionPageSchema } }, description: 'One page of rejected rows' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const discard = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'delete',
    path: '/imports/uploads/{uploadId}',
    summary: 'Discard a pending upload (yours, or any for an admin): its encrypted file is deleted at once',
    request: { params: UploadIdParam },
    responses: { 204: { description: 'Discarded' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

const uploadTargets = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/targets',
    summary: 'Target layer (GeoJSON or zipped shapefile): upload and dry run',
    request: { query: z.object({ fileName: FileName, class: TargetClass, level: LevelName.optional() }), body: UploadBody },
    responses: { 200: { content: { 'application/json': { schema: VectorDryRun } }, description: 'Dry-run report' }, ...UPLOAD_ERRORS },
  }),
);

const commitTargets = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/targets/{uploadId}/commit',
    summary: 'Target layer: commit',
    request: {
      params: UploadIdParam,
      body: { content: { 'application/json': { schema: z.object({ class: TargetClass, level: LevelName.optional() }) } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: VectorCommit } }, description: 'Commit report' },
      ...ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const uploadAreas = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/areas',
    summary: 'Admin areas (GeoJSON or zipped shapefile): upload and dry run',
    request: { query: z.object({ fileName: FileName, level: AreaLevel.optional() }), body: UploadBody },
    responses: { 200: { content: { 'application/json': { schema: VectorDryRun } }, description: 'Dry-run report' }, ...UPLOAD_ERRORS },
  }),
);

const commitAreas = secured(
  ['engineer'],
  createRoute({
    tags: ['imports'],
    method: 'post',
    path: '/imports/areas/{uploadId}/commit',
    summary: 'Admin areas: commit',
    request: {
      params: UploadIdParam,
      body: { content: { 'application/json': { schema: z.object({ level: AreaLevel.optional() }) } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: VectorCommit } }, description: 'Commit report' },
      ...ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const importsRoutes: RouteModule = {
  name: 'imports',
  register({ api }, deps) {
    api.openapi(uploadCameras, async (c) => {
      const { fileName, mapping, ...options } = c.req.valid('query');
      const { meta, source } = await receive(c, 'cameras', fileName);
      const report = await runCameraImport(
        deps.pool,
        actorOf(c),
        source,
        { ...options, ...(mapping === undefined ? {} : { mapping }), ...deps.config.importLimits },
        false,
      );
      return c.json({ uploadId: meta.id, expiresAt: expires(meta), report }, 200);
    });
    api.openapi(rerunCameras, async (c) => {
      const { meta, source } = openUpload(deps.config.uploads, c.req.valid('param').uploadId, 'cameras', c.get('user')!);
      const report = await runCameraImport(deps.pool, actorOf(c), source, { ...c.req.valid('json'), ...deps.config.importLimits }, false);
      return c.json({ uploadId: meta.id, expiresAt: expires(meta), report }, 200);
    });
    api.openapi(commitCameras, async (c) => {
      const { meta, source } = openUpload(deps.config.uploads, c.req.valid('param').uploadId, 'cameras', c.get('user')!);
      const report = await runCameraImport(deps.pool, actorOf(c), source, { ...c.req.valid('json'), ...deps.config.importLimits }, true);
      if (report.committed) discardUpload(deps.config.uploads, meta.id);
      return c.json({ report }, 200);
    });
    api.openapi(discard, (c) => {
      discardOwnUpload(deps.config.uploads, c.req.valid('param').uploadId, c.get('user')!);
      return c.body(null, 204);
    });
    api.openapi(cameraRejections, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await listImportRejections(deps.pool, c.req.valid('param').runId, limit, cursor), 200);
    });
    api.openapi(uploadTargets, async (c) => {
      const { fileName, ...options } = c.req.valid('query');
      const { meta, source } = await receive(c, 'targets', fileName);
      const report = await runTargetImport(deps.pool, actorOf(c), source, { ...options, ...deps.config.importLimits }, false);
      return c.json({ uploadId: meta.id, expiresAt: expires(meta), report }, 200);
    });
    api.openapi(commitTargets, async (c) => {
      const { meta, source } = openUpload(deps.config.uploads, c.req.valid('param').uploadId, 'targets', c.get('user')!);
      const report = await runTargetImport(deps.pool, actorOf(c), source, { ...c.req.valid('json'), ...deps.config.importLimits }, true);
      if (report.committed) {
        discardUpload(deps.config.uploads, meta.id);
        deps.tileCache.clear(); // the target tiles changed
      }
      return c.json({ report }, 200);
    });
    api.openapi(uploadAreas, async (c) => {
      const { fileName, ...options } = c.req.valid('query');
      const { meta, source } = await receive(c, 'areas', fileName);
      const report = await runAreaImport(deps.pool, actorOf(c), source, { ...options, ...deps.config.importLimits }, false);
      return c.json({ uploadId: meta.id, expiresAt: expires(meta), report }, 200);
    });
    api.openapi(commitAreas, async (c) => {
      const { meta, source } = openUpload(deps.config.uploads, c.req.valid('param').uploadId, 'areas', c.get('user')!);
      const report = await runAreaImport(deps.pool, actorOf(c), source, { ...c.req.valid('json'), ...deps.config.importLimits }, true);
      if (report.committed) {
        discardUpload(deps.config.uploads, meta.id);
        deps.tileCache.clear(); // the boundary tiles changed
      }
      return c.json({ report }, 200);
    });
  },
};

export default importsRoutes;
