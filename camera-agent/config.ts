// Every threshold the agent uses, in one named object. The API and the web only display what the
// agent decided from these values; change a threshold here (or in the `settings` row
// `agent_config`, merged over these defaults) and nowhere else.
import { DEFAULT_TIME_ZONE } from '../vocabulary/dataset-time';
export interface AgentConfig {
  /** Nominal per-camera poll interval. */
  intervalMs: number;
  /** ± fraction of the interval added as random jitter, so 10,000 cameras do not poll in step. */
  jitterFraction: number;
  /** Down cameras back off exponentially from intervalMs up to this cap. */
  backoffCapMs: number;
  /** AUTH_FAILED cameras wait this long: cameras lock accounts after a few failures. */
  authFailedRetryMs: number;
  /** Polls in flight at once (SOAP). */
  concurrency: number;
  /** Snapshot downloads and decodes in flight at once (heavier than SOAP). */
  snapshotConcurrency: number;
  /** Whole SOAP exchange deadline, body included. */
  soapDeadlineMs: number;
  /** Whole snapshot deadline, body included. */
  snapshotDeadlineMs: number;
  /** TCP connect check used to tell UNREACHABLE from NO_RESPONSE after a deadline. */
  connectCheckMs: number;
  soapMaxBytes: number;
  snapshotMaxBytes: number;
  /** The latest snapshot of each camera is kept for the camera card when it is a JPEG of at most
   *  this many bytes (0: keep none). Larger or non-JPEG pictures are checked but not kept. */
  snapshotStoreMaxBytes: number;
  /** A device clock further than this from ours is CLOCK_SKEW. */
  clockSkewThresholdMs: number;
  /** Some firmwares label local time as UTC: measure skew modulo whole hours when true. */
  tolerateWholeHourOffsets: boolean;
  /** Consecutive failed snapshot downloads before the camera is DEGRADED (snapshot-failed). */
  snapshotFailuresForDegraded: number;
  /** How often a snapshot is fetched and checked per camera. */
  snapshotEveryMs: number;
  /** Stream and snapshot URIs are refreshed this often (and after any failure). */
  uriRefreshMs: number;
  /** Black picture: mean luma below this and standard deviation below blackStdDevMax. */
  blackMeanLumaMax: number;
  blackStdDevMax: number;
  /** Frozen picture: this many consecutive near-identical snapshots spanning frozenMinSpanMs. */
  frozenPolls: number;
  frozenMinSpanMs: number;
  /** Mean absolute difference of the 32x18 luma thumbnails below which two frames are "the same". */
  frozenMaxMeanDiff: number;
  /** A camera that answers again after an outage of at most this long, with refused or reset
   *  connections during it, is flagged as rebooted. */
  rebootOutageMaxMs: number;
  /** One-off findings (rebooted, replaced, firmware or resolution changed) stay DEGRADED this long. */
  noticeHoldMs: number;
  /** Non-OK states shorter than this raise no alarm (they still count in the time-weighted rates). */
  flapWindowMs: number;
  /** Time between two polls counts toward the time-weighted rates up to this gap. */
  maxAccountedGapMs: number;
  /** The dataset's time zone (settings key time_zone, read by loadAgentConfig): daily aggregates
   *  count the days of this zone, the same days as the coverage engine and the status side. */
  timeZone: string;
  /** A claimed camera's lease lasts this long; a dead agent's cameras are free after it. */
  leaseMs: number;
  /** Status writes are batched and flushed this often. */
  flushMs: number;
}

export const DEFAULT_AGENT_CONFIG: Readonly<AgentConfig> = Object.freeze({
  intervalMs: 60_000,
  jitterFraction: 0.1,
  backoffCapMs: 300_000,
  authFailedRetryMs: 30 * 60_000,
  concurrency: 200,
  snapshotConcurrency: 16,
  soapDeadlineMs: 5_000,
  snapshotDeadlineMs: 10_000,
  connectCheckMs: 2_000,
  soapMaxBytes: 1 << 20,
  snapshotMaxBytes: 4 << 20,
  snapshotStoreMaxBytes: 512 << 10,
  clockSkewThresholdMs: 5_000,
  tolerateWholeHourOffsets: false,
  snapshotFailuresForDegraded: 2,
  snapshotEveryMs: 5 * 60_000,
  uriRefreshMs: 24 * 3_600_000,
  blackMeanLumaMax: 16,
  blackStdDevMax: 6,
  frozenPolls: 3,
  frozenMinSpanMs: 10 * 60_000,
  frozenMaxMeanDiff: 0.5,
  rebootOutageMaxMs: 5 * 60_000,
  noticeHoldMs: 10 * 60_000,
  flapWindowMs: 5 * 60_000,
  maxAccountedGapMs: 6 * 60_000,
  timeZone: DEFAULT_TIME_ZONE,
  leaseMs: 45_000,
  flushMs: 1_000,
});

export function agentConfig(overrides: Partial<AgentConfig> = {}): AgentConfig {
  const merged = { ...DEFAULT_AGENT_CONFIG, ...overrides };
  for (const [k, v] of Object.entries(merged)) {
    if (typeof v === 'number' && !(Number.isFinite(v) && v >= 0))
      throw new Error(`agent config ${k} must be a non-negative number, got ${String(v)}`);
  }
  return merged;
}
