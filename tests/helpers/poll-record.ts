// A poll result as the agent hands it to its StatusWriter, for tests that write camera status
// through the agent's own path (NOTIFY, alarms, coverage now). A state change at `at`, with the
// agent's memory of it; anything else a test needs goes in `overrides`.
import type { PollRecord } from '../../camera-agent/status-writer';
import type { CameraState } from '../../vocabulary/camera-health';

export function pollRecord(
  cameraId: number,
  deviceId: string,
  state: CameraState,
  previousState: CameraState | null,
  at: number,
  overrides: Partial<PollRecord> = {},
): PollRecord {
  const down = state !== 'OK';
  return {
    cameraId,
    deviceId,
    polledAt: at,
    nextDueAt: at + 60_000,
    state,
    reason: down ? 'connect ECONNREFUSED (test)' : 'ok',
    since: at,
    previousState,
    changed: true,
    clockOffsetMs: null,
    latencyMs: 1,
    authScheme: null,
    model: null,
    firmware: null,
    serial: null,
    uriCache: null,
    snapshotAt: null,
    memory: down ? { failures: 1, state, since: at, downSince: at } : { failures: 0, state, since: at },
    daily: [],
    ...overrides,
  };
}
