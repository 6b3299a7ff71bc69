// A plausible health history for each generated camera, from the day it was installed: the
// status events the camera agent would have recorded (docs/contracts.md, "Camera states"), so
// "coverage now" has a past as well as a present (the 2020-12-31 deadline view, the trend).
// Most cameras fail a few times a year and are repaired within hours or days; some are flaky;
// a few failures last weeks or months (a cut cable waiting for road works, a vandalised dome).
//
// Deterministic: each camera draws from its own stream (`rng.fork(deviceId)`), and events are
// drawn in time order, so the history up to any date is the same whatever `until` is (a later
// load extends it, never rewrites it). Pure: no clock, `until` is given.
import { isOnline, isWorking, type DailyHealthFigures } from '../../vocabulary/camera-health';
import { addDays } from '../../vocabulary/dataset-time';
import type { Prng } from './prng';

export type CameraState = 'OK' | 'DEGRADED' | 'CLOCK_SKEW' | 'AUTH_FAILED' | 'UNREACHABLE' | 'NO_RESPONSE' | 'PROTOCOL_ERROR';

export interface StatusEvent {
  /** ISO instant (UTC). */
  at: string;
  state: CameraState;
  previousState: CameraState | null;
  /** Stable reason code, as the agent writes it. */
  reason: string;
}

export interface CameraService {
  deviceId: string;
  /** YYYY-MM-DD; the first event is on that day. */
  installDate: string;
  removalDate: string | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The agent's local day is UTC+8 (China): installation crews work 09:00-17:00 local. */
const LOCAL_OFFSET_MS = 8 * HOUR_MS;

/** Mean days between failures: most cameras are reliable, some flaky, a few poor. */
const RELIABILITY: ReadonlyArray<readonly [number, number]> = [
  [240, 0.8],
  [60, 0.15],
  [20, 0.05],
];

interface FailureKind {
  state: Exclude<CameraState, 'OK'>;
  reasons: readonly string[];
  /** Repair time in hours: [min, max] of the usual case. */
  repairHours: readonly [number, number];
}

const FAILURES: ReadonlyArray<readonly [FailureKind, number]> = [
  [{ state: 'UNREACHABLE', reasons: ['connect-timeout', 'connect-refused'], repairHours: [1, 72] }, 0.45],
  [{ state: 'NO_RESPONSE', reasons: ['deadline', 'connection-reset'], repairHours: [0.5, 8] }, 0.15],
  [{ state: 'DEGRADED', reasons: ['black-picture', 'frozen-picture', 'snapshot-failed', 'rebooted'], repairHours: [6, 240] }, 0.2],
  [{ state: 'CLOCK_SKEW', reasons: ['clock-offset'], repairHours: [24, 720] }, 0.1],
  [{ state: 'AUTH_FAILED', reasons: ['not-authorized', 'locked'], repairHours: [12, 336] }, 0.05],
  [{ state: 'PROTOCOL_ERROR', reasons: ['soap-fault', 'unexpected-answer'], repairHours: [12, 168] }, 0.05],
];

/** Share of failures that wait weeks or months for a repair. */
const LONG_FAILURE_SHARE = 0.04;
const LONG_FAILURE_DAYS: readonly [number, number] = [20, 150];

function localMidnightMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - LOCAL_OFFSET_MS;
}

/** Exponential draw with the given mean (inverse transform). */
function exponential(rng: Prng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/**
 * The camera's events from its installation (an OK first poll on that day) to the start of the
 * local day `until` (exclusive) or its removal, whichever comes first. `rng` should be the
 * camera's own stream.
 */
export function cameraStatusHistory(rng: Prng, camera: CameraService, until: string): StatusEvent[] {
  const end = Math.min(localMidnightMs(until), camera.removalDate === null ? Infinity : localMidnightMs(camera.removalDate));
  let t = localMidnightMs(camera.installDate) + rng.range(9, 17) * HOUR_MS;
  const events: StatusEvent[] = [];
  if (t >= end) return events;
  events.push({ at: new Date(t).toISOString(), state: 'OK', previousState: null, reason: 'ok' });
  const mtbfDays = rng.weighted(RELIABILITY);
  for (;;) {
    t += exponential(rng, mtbfDays) * DAY_MS;
    if (t >= end) break;
    const kind = rng.weighted(FAILURES);
    events.push({ at: new Date(t).toISOString(), state: kind.state, previousState: 'OK', reason: rng.pick(kind.reasons) });
    const repairMs = rng.chance(LONG_FAILURE_SHARE)
      ? rng.range(LONG_FAILURE_DAYS[0], LONG_FAILURE_DAYS[1]) * DAY_MS
      : rng.range(kind.repairHours[0], kind.repairHours[1]) * HOUR_MS;
    t += repairMs;
    if (t >= end) break;
    events.push({ at: new Date(t).toISOString(), state: 'OK', previousState: kind.state, reason: 'ok' });
  }
  return events;
}

/** One camera's day as the agent's daily aggregate records it (camera_status_daily; local day UTC+8). */
export type DailyStatusRecord = DailyHealthFigures;

/** The agent's default poll interval: one sample a minute. */
const SAMPLE_MS = 60_000;

/**
 * The daily records an agent polling every minute would have written for `days` (local days,
 * UTC+8), from the camera's events (`cameraStatusHistory` with the same `until`): time observed
 * (from its first event to `until` or its removal), time online and time working, each state
 * counted by the health vocabulary's rule. Days without observation get no record.
 */
export function dailyStatusRecords(
  events: readonly StatusEvent[],
  camera: CameraService,
  until: string,
  days: Iterable<string>,
): DailyStatusRecord[] {
  if (events.length === 0) return [];
  const first = Date.parse(events[0]!.at);
  const end = Math.min(localMidnightMs(until), camera.removalDate === null ? Infinity : localMidnightMs(camera.removalDate));
  const out: DailyStatusRecord[] = [];
  let i = 0;
  for (const day of [...days].sort()) {
    const from = Math.max(localMidnightMs(day), first);
    const to = Math.min(localMidnightMs(day) + DAY_MS, end);
    if (to <= from) continue;
    let onlineMs = 0;
    let workingMs = 0;
    // The state in force at `from` is the last event at or before it (days ascend, so the
    // search goes on from the previous day's event).
    while (i + 1 < events.length && Date.parse(events[i + 1]!.at) <= from) i++;
    for (let t = from; ; i++) {
      const next = i + 1 < events.length ? Math.min(Date.parse(events[i + 1]!.at), to) : to;
      const state = events[i]!.state;
      if (isOnline(state)) onlineMs += next - t;
      if (isWorking(state)) workingMs += next - t;
      t = next;
      // Stay on the event in force at the day's end: the next day may start in it.
      if (t >= to) break;
    }
    const observedMs = to - from;
    out.push({
      day,
      samples: Math.round(observedMs / SAMPLE_MS),
      onlineSamples: Math.round(onlineMs / SAMPLE_MS),
      workingSamples: Math.round(workingMs / SAMPLE_MS),
      observedMs,
      onlineMs,
      workingMs,
    });
  }
  return out;
}

/** The local days from `from` to `to`, both included (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
