// The types every route module shares: the app's dependencies and the per-request variables
// that the middleware sets (the user, how they authenticated, their client address).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type pg from 'pg';
import type { EventHub } from '../domain/events/event-hub';
import type { ReadCache } from '../domain/status/read-cache';
import type { TileCache } from '../domain/tiles/tile-cache';
import type { PiecesAsOfCache } from '../../coverage-engine';
import type { LoginThrottle } from '../domain/users/login-throttle';
import type { AuthenticatedUser } from '../domain/users/sessions';
import type { Metrics } from './metrics';
import type { UploadPolicy } from '../domain/imports/upload-store';

export interface AppConfig {
  /** Upload size limit for imports, in bytes (413 above it). */
  uploadLimitBytes: number;
  /** Limit of every other request body (JSON), in bytes (413 above it, before parsing). */
  jsonLimitBytes: number;
  /** Uploads waiting for their commit: how long they are kept, and each user's quota. */
  uploads: UploadPolicy;
  /** Per-import limits: rows read, rejected rows (the run stops with the reason in its report). */
  importLimits: { maxRows: number; maxRejections: number };
  /** Use the left-most X-Forwarded-For address for rate limits and audit (behind a proxy). */
  trustProxy: boolean;
  /** Built web app to serve with an SPA fallback (web/dist); none in most tests. */
  webDist: string | undefined;
  /** How often an open event stream re-checks that its session or token still holds (ms). */
  streamRecheckMs: number;
}

export interface AppDeps {
  pool: pg.Pool;
  config: AppConfig;
  metrics: Metrics;
  /** Login and password-check throttling, kept in the database (api/domain/users/login-throttle.ts). */
  loginThrottle: LoginThrottle;
  /** Live events: one LISTEN connection relayed to SSE subscribers (routes/events.ts) and the coverage-now updater. */
  events: EventHub;
  /**
   * The command center's reads (status summary, roll-ups, alarms), ready to send; dropped on every
   * hub event but `coverage` (status, alarm, thresholds, reset) and on an acknowledgement or a
   * threshold change (api/domain/status/read-cache.ts).
   */
  statusReads: ReadCache;
  /** Recently rendered basemap and target tiles; cleared when an import changes them. */
  tileCache: TileCache;
  /**
   * A few dates' computed blind-spot pieces, judged (the slider's list and tiles share them);
   * dropped when the database announces a change of their inputs (NOTIFY coverage_inputs, and
   * camera health for the "now" ones: coverage-engine/pieces-as-of-cache.ts).
   */
  blindSpotsAsOf: PiecesAsOfCache;
  /** Things to stop when the server closes (LISTEN connections, timers). */
  onClose: (fn: () => Promise<void> | void) => void;
}

export interface AppVariables {
  deps: AppDeps;
  /** Set by the auth middleware on every request that carries a valid session or token. */
  user: AuthenticatedUser | undefined;
  authVia: 'session' | 'token' | undefined;
  /** The session token from the cookie (logout deletes it). */
  sessionToken: string | undefined;
  csrfToken: string | undefined;
  clientAddress: string;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type ApiApp = OpenAPIHono<AppEnv>;

/**
 * A route module: `register` adds its routes. `api` is mounted at /api/v1 (declare paths
 * without the prefix); `root` is the app itself for the few routes outside it (/tiles).
 */
export interface RouteModule {
  name: string;
  register(apps: { api: ApiApp; root: ApiApp }, deps: AppDeps): void;
}
