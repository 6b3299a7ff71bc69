// The camera health state machine: the one place that turns what a poll observed into a state and
// a reason. Every threshold comes from AgentConfig (config.ts); the states, and what counts as
// online and working, are the health vocabulary's (vocabulary/camera-health.ts), which the API,
// the SQL and the web count with. Order of decision: a failed exchange gives its state
// (UNREACHABLE, NO_RESPONSE or PROTOCOL_ERROR); an answer is CLOCK_SKEW before AUTH_FAILED (a
// NotAuthorized from a camera whose clock is off is the clock's fault), then DEGRADED, then OK.
// An offline camera (not isOnline) is in an outage: it backs off and may turn out to have rebooted.
import { isOnline, type CameraState, type HealthReason, type ReasonOf } from '../vocabulary/camera-health';
import type { AgentConfig } from './config';
import { thumbDifference } from './snapshot-analysis';

type OfflineState = 'UNREACHABLE' | 'NO_RESPONSE' | 'PROTOCOL_ERROR';
type Failure = { [S in OfflineState]: { state: S; reason: ReasonOf<S> } }[OfflineState];
type DegradedReason = ReasonOf<'DEGRADED'>;

export interface PollObservation {
  at: number;
  /** Set when the camera did not give a usable answer: an offline state with one of its reasons. */
  failure?: Failure;
  clockOffsetMs?: number;
  auth?: 'ok' | 'not-authorized' | 'locked';
  device?: { model: string; firmware: string; serial: string };
  /** null: asked and the camera has none; undefined: not asked this poll (cached). */
  streamUri?: string | null;
  snapshot?:
    | { ok: true; width: number; height: number; meanLuma: number; stdDevLuma: number; thumb: Uint8Array }
    | { ok: false; reason: 'snapshot-failed' | 'snapshot-not-image' };
}

/** What the state machine remembers per camera between polls (stored as JSON). */
export interface HealthMemory {
  state?: CameraState;
  since?: number;
  reason?: string;
  lastPollAt?: number;
  /** Start of the current outage (offline: UNREACHABLE, NO_RESPONSE, PROTOCOL_ERROR), for reboot detection and backoff. */
  downSince?: number;
  /** The outage included refused or reset connections (nothing listening: a device booting). */
  refusedInOutage?: boolean;
  failures: number;
  model?: string;
  firmware?: string;
  serial?: string;
  width?: number;
  height?: number;
  hasStreamUri?: boolean;
  /** Consecutive failed snapshot downloads. */
  snapshotFailures?: number;
  /** Last picture verdict: carried between snapshots, '' when the picture passed. */
  pictureReason?: DegradedReason | '';
  /** Frozen detection: last thumbnail (base64), how many near-identical in a row, since when. */
  lastThumb?: string;
  sameFrames?: number;
  sameSince?: number;
  notice?: { reason: DegradedReason; until: number };
}

export interface HealthDecision {
  state: CameraState;
  reason: HealthReason;
  /** True when state or reason differ from the previous poll: write an event and NOTIFY. */
  changed: boolean;
  since: number;
  memory: HealthMemory;
  /** Delay before this camera's next poll, before jitter. */
  nextDelayMs: number;
}

export function skewMs(offsetMs: number, config: Pick<AgentConfig, 'tolerateWholeHourOffsets'>): number {
  if (!config.tolerateWholeHourOffsets) return Math.abs(offsetMs);
  const hour = 3_600_000;
  return Math.abs(offsetMs - Math.round(offsetMs / hour) * hour);
}

function pictureFindings(obs: PollObservation, mem: HealthMemory, next: HealthMemory, config: AgentConfig): void {
  const snap = obs.snapshot;
  if (snap === undefined) return;
  if (!snap.ok) {
    // One slow or failed download is not a broken picture; two in a row are.
    next.snapshotFailures = snap.reason === 'snapshot-failed' ? (mem.snapshotFailures ?? 0) + 1 : 0;
    if (snap.reason === 'snapshot-not-image' || next.snapshotFailures >= config.snapshotFailuresForDegraded)
      next.pictureReason = snap.reason;
    return;
  }
  next.snapshotFailures = 0;
  if (mem.width !== undefined && mem.height !== undefined && (mem.width !== snap.width || mem.height !== snap.height)) {
    next.notice = { reason: 'resolution-changed', until: obs.at + config.noticeHoldMs };
  }
  next.width = snap.width;
  next.height = snap.height;
  const thumb = Buffer.from(snap.thumb).toString('base64');
  const same = mem.lastThumb !== undefined && thumbDifference(Buffer.from(mem.lastThumb, 'base64'), snap.thumb) <= config.frozenMaxMeanDiff;
  next.sameFrames = same ? (mem.sameFrames ?? 1) + 1 : 1;
  next.sameSince = same ? (mem.sameSince ?? obs.at) : obs.at;
  next.lastThumb = thumb;
  const black = snap.meanLuma <= config.blackMeanLumaMax && snap.stdDevLuma <= config.blackStdDevMax;
  // Frozen only after N near-identical frames spanning M minutes: static scenes and cameras
  // that cache their snapshot give false positives on two frames.
  const frozen = !black && next.sameFrames >= config.frozenPolls && obs.at - next.sameSince >= config.frozenMinSpanMs;
  next.pictureReason = black ? 'black-picture' : frozen ? 'frozen-picture' : '';
}

function inventoryFindings(obs: PollObservation, mem: HealthMemory, next: HealthMemory, config: AgentConfig): void {
  const d = obs.device;
  if (d === undefined) return;
  const hold = obs.at + config.noticeHoldMs;
  if (mem.serial !== undefined && mem.serial !== '' && d.serial !== mem.serial) next.notice = { reason: 'replaced', until: hold };
  else if (mem.firmware !== undefined && mem.firmware !== '' && d.firmware !== mem.firmware)
    next.notice = { reason: 'firmware-changed', until: hold };
  next.model = d.model;
  next.firmware = d.firmware;
  next.serial = d.serial;
}

function backoffMs(failures: number, config: AgentConfig): number {
  return Math.min(config.backoffCapMs, config.intervalMs * 2 ** Math.max(0, Math.min(20, failures - 1)));
}

export function decide(obs: PollObservation, mem: HealthMemory, config: AgentConfig): HealthDecision {
  const next: HealthMemory = { ...mem, lastPollAt: obs.at };
  let state: CameraState;
  let reason: HealthReason;
  let nextDelayMs = config.intervalMs;
  if (obs.failure !== undefined) {
    ({ state, reason } = obs.failure);
    const down = !isOnline(state);
    next.failures = down ? mem.failures + 1 : 0;
    next.downSince = down ? (mem.downSince ?? obs.at) : undefined;
    next.refusedInOutage = down ? mem.refusedInOutage === true || reason === 'connect-refused' || reason === 'connection-reset' : undefined;
    if (down) nextDelayMs = backoffMs(next.failures, config);
  } else {
    // A short outage with refused connections is a reboot; a slow answer (deadline) is not: an
    // overloaded network or camera must not be reported as rebooted.
    if (mem.downSince !== undefined && mem.refusedInOutage === true && obs.at - mem.downSince <= config.rebootOutageMaxMs) {
      next.notice = { reason: 'rebooted', until: obs.at + config.noticeHoldMs };
    }
    next.failures = 0;
    next.downSince = undefined;
    next.refusedInOutage = undefined;
    if (obs.clockOffsetMs !== undefined && skewMs(obs.clockOffsetMs, config) > config.clockSkewThresholdMs) {
      // A NotAuthorized from a camera whose clock is off is the clock's fault, not the password's.
      state = 'CLOCK_SKEW';
      reason = 'clock-offset';
    } else if (obs.auth === 'not-authorized' || obs.auth === 'locked') {
      state = 'AUTH_FAILED';
      reason = obs.auth;
      nextDelayMs = config.authFailedRetryMs;
    } else {
      inventoryFindings(obs, mem, next, config);
      pictureFindings(obs, mem, next, config);
      if (obs.streamUri !== undefined) next.hasStreamUri = obs.streamUri !== null && obs.streamUri !== '';
      if (next.notice !== undefined && next.notice.until <= obs.at) next.notice = undefined;
      const found = next.notice?.reason ?? (next.hasStreamUri === false ? 'no-stream-uri' : '');
      const finding: DegradedReason | '' = found !== '' ? found : (next.pictureReason ?? '');
      state = finding === '' ? 'OK' : 'DEGRADED';
      reason = finding === '' ? 'ok' : finding;
    }
  }
  const changed = mem.state !== state || mem.reason !== reason;
  const since = mem.state === state && mem.since !== undefined ? mem.since : obs.at;
  next.state = state;
  next.reason = reason;
  next.since = since;
  return { state, reason, changed, since, memory: next, nextDelayMs };
}

/** Adds ± jitterFraction of randomness so cameras spread over the interval. */
export function jittered(delayMs: number, config: Pick<AgentConfig, 'jitterFraction'>, random: () => number = Math.random): number {
  return Math.max(0, Math.round(delayMs * (1 + config.jitterFraction * (2 * random() - 1))));
}
