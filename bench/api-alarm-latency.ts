// bench:api — how long an alarm takes to reach the wall: from the agent's decision (a down
// camera handed to the agent's own StatusWriter, which commits status, event and alarm with
// NOTIFY camera_status and camera_alarm) to the SSE `alarm` event at a connected client, and to
// GET /alarms listing it (what the wall does on that event). Ten cameras, one after another;
// each is put back to OK afterwards (clearing its alarm).
import type pg from 'pg';
import { StatusWriter, type PollRecord } from '../camera-agent/status-writer';
import type { CameraState } from '../vocabulary/camera-health';
import { pollRecord } from '../tests/helpers/poll-record';

const SAMPLES = 10;

function record(cameraId: number, deviceId: string, state: CameraState, at: number): PollRecord {
  return pollRecord(cameraId, deviceId, state, state === 'OK' ? 'UNREACHABLE' : 'OK', at, {
    reason: state === 'OK' ? 'ok' : 'connect-timeout',
    memory: { failures: state === 'OK' ? 0 : 1, state, since: at },
  });
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

export async function alarmToWall(
  pool: pg.Pool,
  base: string,
  headers: Record<string, string>,
): Promise<{ samples: number; sseMs: { p50: number; max: number }; listedMs: { p50: number; max: number } }> {
  const ctl = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers, signal: ctl.signal });
  if (!res.ok || res.body === null) throw new Error(`GET /events answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  /** Resolves at the next SSE event of this name. */
  const nextEvent = async (name: string): Promise<void> => {
    const marker = `event: ${name}`;
    for (;;) {
      const at = buffered.indexOf(marker);
      if (at >= 0) {
        buffered = buffered.slice(at + marker.length);
        return;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffered += value;
    }
  };
  const cams = (
    await pool.query<{ id: string; device_id: string }>(
      `SELECT c.id, c.device_id FROM cameras c JOIN camera_status s ON s.camera_id = c.id
       WHERE s.state = 'OK' AND NOT EXISTS (SELECT 1 FROM camera_alarms a WHERE a.camera_id = c.id AND a.cleared_at IS NULL)
       ORDER BY c.id LIMIT $1`,
      [SAMPLES],
    )
  ).rows;
  const writer = new StatusWriter(pool, { flapWindowMs: 0 });
  const sse: number[] = [];
  const listed: number[] = [];
  try {
    // The stream says `ready` once the server listens: measure from there.
    await nextEvent('ready');
    for (const cam of cams) {
      const t0 = performance.now();
      writer.add(record(Number(cam.id), cam.device_id, 'UNREACHABLE', Date.now()));
      const arrived = nextEvent('alarm');
      await writer.flush();
      await arrived;
      sse.push(performance.now() - t0);
      for (;;) {
        const page = (await (await fetch(`${base}/api/v1/alarms`, { headers })).json()) as { alarms: Array<{ deviceId: string }> };
        if (page.alarms.some((a) => a.deviceId === cam.device_id)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      listed.push(performance.now() - t0);
      writer.add(record(Number(cam.id), cam.device_id, 'OK', Date.now()));
      await writer.flush();
    }
  } finally {
    ctl.abort();
  }
  return {
    samples: listed.length,
    sseMs: { p50: pct(sse, 50), max: pct(sse, 100) },
    listedMs: { p50: pct(listed, 50), max: pct(listed, 100) },
  };
}
