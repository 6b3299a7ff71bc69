// The HTTP application: one Hono app (OpenAPIHono) with the API under /api/v1, vector tiles
// under /tiles, /healthz, /metrics and, when given, the built web app with an SPA fallback.
// Route modules are listed in ./routes/index.ts; see docs/contracts.md "## Adding routes".
import { OpenAPIHono } from '@hono/zod-openapi';
import type pg from 'pg';
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { BadRequestError } from '../errors';
import { startCoverageNowUpdates } from '../domain/events/coverage-now';
import { EventHub } from '../domain/events/event-hub';
import { ReadCache } from '../domain/status/read-cache';
import { TileCache } from '../domain/tiles/tile-cache';
import { PiecesAsOfCache } from '../../coverage-engine';
import { LoginThrottle, type ThrottlePolicy } from '../domain/users/login-throttle';
import type { AppConfig, AppDeps, AppEnv, RouteModule } from './env';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { Metrics } from './metrics';
import { authenticate } from './middleware/auth';
import { clientAddress } from './middleware/client-address';
import { requestMetrics } from './middleware/request-metrics';
import { errorBody, onError, zodIssueField } from './on-error';
import { routeModules } from './routes/index';
import { registerOpenApiDocument } from './openapi-document';
import { defaultJsonLimitBytes, requestGuard } from './request-guard';
import { defaultImportLimits } from '../domain/imports/import-limits';
import { defaultUploadPolicy, startUploadSweeper, type UploadPolicy } from '../domain/imports/upload-store';
import { serveWebApp } from './static-web';

/** Binary formats of ours that gzip well (MVT and glyph PBFs are uncompressed protobuf). */
const COMPRESSIBLE_BINARY = /^application\/(?:vnd\.mapbox-vector-tile|x-protobuf)(?:[;\s]|$)/i;

export interface CreateAppOptions {
  pool: pg.Pool;
  webDist?: string;
  uploadLimitBytes?: number;
  /** Limit of JSON request bodies in bytes (default XUELIANG_JSON_LIMIT_KB or 1 MiB). */
  jsonLimitBytes?: number;
  /** Upload expiry and per-user quota (default XUELIANG_UPLOAD_TTL_MIN, _QUOTA_FILES, _QUOTA_MB or 15 min, 5, 512 MB). */
  uploads?: Partial<UploadPolicy>;
  /** Per-import limits (default XUELIANG_IMPORT_MAX_ROWS / XUELIANG_IMPORT_MAX_REJECTIONS or 1,000,000 / 10,000). */
  importLimits?: Partial<AppConfig['importLimits']>;
  trustProxy?: boolean;
  /** Login throttle rules (tests shorten them); the defaults are in login-throttle.ts. */
  loginThrottle?: Partial<ThrottlePolicy>;
  /** How often open event streams re-check their credential (default 10 s). */
  streamRecheckMs?: number;
  /** Refresh "coverage now" on camera status changes and push the new rates (the real server). */
  liveCoverage?: boolean;
  /** The route modules to register (default: all of routes/index.ts; tests pass a few). */
  routes?: RouteModule[];
}

export interface XueliangApp {
  app: OpenAPIHono<AppEnv>;
  deps: AppDeps;
  /** Stops background work the routes started (LISTEN connections, timers). */
  close(): Promise<void>;
}

export function defaultUploadLimitBytes(): number {
  const mb = Number(process.env.XUELIANG_UPLOAD_LIMIT_MB ?? '');
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024 * 1024) : 256 * 1024 * 1024;
}

/** A Hono app whose request validation failures become our 400 error shape. */
export function newApp(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const { field, message } = zodIssueField(result.error);
        throw new BadRequestError(message, field === undefined ? {} : { field }, 'invalid_request');
      }
    },
  });
}

export function createApp(options: CreateAppOptions): XueliangApp {
  const config: AppConfig = {
    uploadLimitBytes: options.uploadLimitBytes ?? defaultUploadLimitBytes(),
    jsonLimitBytes: options.jsonLimitBytes ?? defaultJsonLimitBytes(),
    importLimits: { ...defaultImportLimits(), ...options.importLimits },
    uploads: { ...defaultUploadPolicy(options.pool), ...options.uploads },
    trustProxy: options.trustProxy ?? process.env.XUELIANG_TRUST_PROXY === '1',
    webDist: options.webDist,
    streamRecheckMs: options.streamRecheckMs ?? 10_000,
  };
  const closers: (() => Promise<void> | void)[] = [];
  // The composition root: every long-lived service is built here, once, and handed to the
  // routes through deps (none is made inside a route module, so their order does not matter).
  const events = new EventHub({ client: options.pool.options });
  closers.push(() => events.close());
  // Status reads may be 5 s stale only in what nothing announces (today's rates grow with each poll).
  const statusReads = new ReadCache(5_000);
  closers.push(() => statusReads.close());
  // Another date's judged blind-spot pieces, for the list and the tiles of the slider's dates. Kept
  // only while the announcements of their inputs are heard (LISTEN starts with the first use).
  let piecesListening = false;
  const blindSpotsAsOf = new PiecesAsOfCache({
    maxEntries: 6,
    ready: () => {
      if (!piecesListening) {
        piecesListening = true;
        closers.push(
          events.listen((e) => {
            // Camera health ("now") changes with status events and the coverage-now refresh; the
            // inputs (cameras, footprints, parts, settings…) and a lost connection drop everything.
            if (e.event === 'status' || e.event === 'coverage') blindSpotsAsOf.invalidate(true);
            else if (e.event === 'inputs') blindSpotsAsOf.invalidate(e.data === 'camera_status' || e.data === 'camera_status_events');
            else if (e.event === 'reset') blindSpotsAsOf.invalidate();
          }),
        );
      }
      return events.ready().then(
        () => true,
        () => false,
      );
    },
  });
  closers.push(() => blindSpotsAsOf.close());
  const deps: AppDeps = {
    pool: options.pool,
    config,
    metrics: new Metrics(),
    loginThrottle: new LoginThrottle(options.pool, options.loginThrottle),
    events,
    statusReads,
    // Basemap and target tiles change only with an import; 64 MB, 5 minutes.
    tileCache: new TileCache({ maxBytes: 64 * 1024 * 1024, ttlMs: 5 * 60_000 }),
    blindSpotsAsOf,
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  if (options.liveCoverage === true) closers.push(startCoverageNowUpdates(events, deps.pool));

  // Uploads carry ONVIF passwords: expired ones go even when no one uploads again.
  deps.onClose(startUploadSweeper(config.uploads));

  const app = newApp();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestMetrics());
  // gzip for JSON, GeoJSON, KML, CSV, the web bundle, vector tiles and glyph PBFs (about a third
  // of the bytes of the first view); never for the SSE stream (hono's filter leaves it alone).
  app.use('*', compress({ contentTypeFilter: (type) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || COMPRESSIBLE_BINARY.test(type) }));
  // overwrite: false lets a response keep a header it set itself (the report's own CSP).
  app.use(
    '*',
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: 'same-origin',
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      overwrite: false,
    }),
  );
  app.use('*', clientAddress());
  app.use('*', authenticate());
  app.use('*', requestGuard());

  app.get('/healthz', async (c) => {
    try {
      await deps.pool.query('SELECT 1');
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  const api = newApp();
  for (const mod of options.routes ?? routeModules) mod.register({ api, root: app }, deps);
  app.route('/api/v1', api);
  registerOpenApiDocument(app);

  if (config.webDist !== undefined) serveWebApp(app, config.webDist);
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404));

  return {
    app,
    deps,
    async close() {
      for (const fn of closers.splice(0).reverse()) await fn();
    },
  };
}
