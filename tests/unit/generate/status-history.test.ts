// The demo county's generated health history (issue 14: "coverage now" on past dates showed 0 %
// because no status was recorded before monitoring began; the demo gets a plausible past).
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../gis-data/generate/prng';
import { cameraStatusHistory, dailyStatusRecords, type StatusEvent } from '../../../gis-data/generate/status-history';
import { demoChunks } from './demo-fixture';

const UNTIL = '2026-06-01';
const cameras = demoChunks(1).flatMap((c) => c.cameras);
const root = new Prng(1).fork('status');
const histories = cameras.map((c) => ({ c, events: cameraStatusHistory(root.fork(c.deviceId), c, UNTIL) }));

/** Share of the camera's service time (install → until or removal) spent in a state other than OK. */
function downShare(events: StatusEvent[], endMs: number): { down: number; total: number } {
  let down = 0;
  for (let i = 0; i < events.length; i++) {
    const from = Date.parse(events[i]!.at);
    const to = i + 1 < events.length ? Date.parse(events[i + 1]!.at) : endMs;
    if (events[i]!.state !== 'OK') down += to - from;
  }
  return { down, total: endMs - Date.parse(events[0]!.at) };
}

describe('generated camera status history', () => {
  it('starts with an OK poll on the install day and alternates failure and repair, each event naming the state before it', () => {
    for (const { c, events } of histories.slice(0, 300)) {
      expect(events[0]).toMatchObject({ state: 'OK', previousState: null, reason: 'ok' });
      // The first poll is on the install day, local time (UTC+8).
      expect(new Date(Date.parse(events[0]!.at) + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(c.installDate);
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.previousState).toBe(events[i - 1]!.state);
        expect(events[i]!.state === 'OK').toBe(events[i - 1]!.state !== 'OK');
        expect(events[i]!.at > events[i - 1]!.at).toBe(true);
      }
      const last = events.at(-1)!.at;
      expect(last < `${UNTIL}T00:00:00Z`).toBe(true);
      if (c.removalDate !== null) expect(last < `${c.removalDate}T00:00:00Z`).toBe(true);
    }
  });

  it('keeps the fleet mostly working (2-10 % of camera time down), with outages, repairs and a few long failures', () => {
    let down = 0;
    let total = 0;
    let failures = 0;
    let long = 0;
    const endMs = Date.parse(`${UNTIL}T00:00:00+08:00`);
    for (const { c, events } of histories) {
      if (events.length === 0) continue;
      const end = Math.min(endMs, c.removalDate === null ? Infinity : Date.parse(`${c.removalDate}T00:00:00+08:00`));
      const s = downShare(events, end);
      down += s.down;
      total += s.total;
      for (let i = 1; i < events.length; i += 2) {
        failures++;
        const repaired = events[i + 1];
        if (repaired === undefined || Date.parse(repaired.at) - Date.parse(events[i]!.at) > 20 * 86_400_000) long++;
      }
    }
    expect(down / total).toBeGreaterThan(0.02);
    expect(down / total).toBeLessThan(0.1);
    expect(failures).toBeGreaterThan(cameras.length * 5);
    expect(long / failures).toBeGreaterThan(0.01);
    expect(long / failures).toBeLessThan(0.15);
    const states = new Set(histories.flatMap((h) => h.events.map((e) => e.state)));
    expect([...states].sort()).toEqual(['AUTH_FAILED', 'CLOCK_SKEW', 'DEGRADED', 'NO_RESPONSE', 'OK', 'PROTOCOL_ERROR', 'UNREACHABLE']);
  });

  it('is deterministic, and a later `until` only extends the history (earlier events never change)', () => {
    for (const { c, events } of histories.slice(0, 200)) {
      expect(cameraStatusHistory(new Prng(1).fork('status').fork(c.deviceId), c, UNTIL)).toEqual(events);
      const shorter = cameraStatusHistory(new Prng(1).fork('status').fork(c.deviceId), c, '2021-01-01');
      expect(events.slice(0, shorter.length)).toEqual(shorter);
      expect(shorter.every((e) => e.at < '2021-01-01')).toBe(true);
    }
  });

  // The demo's deadline view read 在线率/完好率 at 2020-12-31 as "—": the generated history had
  // events but none of the daily records the agent rolls up and the view reads.
  it('turns the events into the daily records an agent polling each minute would write', () => {
    const cam = { deviceId: 'x', installDate: '2020-12-30', removalDate: null };
    const at = (local: string) => new Date(Date.parse(`${local}Z`) - 8 * 3_600_000).toISOString();
    const events: StatusEvent[] = [
      { at: at('2020-12-30T10:00:00'), state: 'OK', previousState: null, reason: 'ok' },
      { at: at('2020-12-31T06:00:00'), state: 'DEGRADED', previousState: 'OK', reason: 'black-picture' },
      { at: at('2020-12-31T12:00:00'), state: 'UNREACHABLE', previousState: 'DEGRADED', reason: 'connect-timeout' },
      { at: at('2020-12-31T18:00:00'), state: 'OK', previousState: 'UNREACHABLE', reason: 'ok' },
    ];
    const H = 3_600_000;
    const rows = dailyStatusRecords(events, cam, '2021-01-02', ['2020-12-31', '2020-12-29', '2020-12-30', '2021-01-01', '2021-01-02']);
    expect(rows).toEqual([
      // Installed at 10:00: observed 14 h, all OK.
      { day: '2020-12-30', samples: 840, onlineSamples: 840, workingSamples: 840, observedMs: 14 * H, onlineMs: 14 * H, workingMs: 14 * H },
      // 6 h OK, 6 h degraded (online, not working), 6 h unreachable, 6 h OK.
      {
        day: '2020-12-31',
        samples: 1440,
        onlineSamples: 1080,
        workingSamples: 720,
        observedMs: 24 * H,
        onlineMs: 18 * H,
        workingMs: 12 * H,
      },
      {
        day: '2021-01-01',
        samples: 1440,
        onlineSamples: 1440,
        workingSamples: 1440,
        observedMs: 24 * H,
        onlineMs: 24 * H,
        workingMs: 24 * H,
      },
      // Before installation and from `until` on: no record.
    ]);
    // Removed at the start of 2021-01-01: nothing that day.
    expect(dailyStatusRecords(events, { ...cam, removalDate: '2021-01-01' }, '2021-01-02', ['2021-01-01'])).toEqual([]);
  });

  it('keeps working ≤ online ≤ observed on every generated day, as the table requires', () => {
    const days = Array.from({ length: 40 }, (_, i) =>
      new Date(Date.parse('2020-12-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
    );
    let n = 0;
    for (const { c, events } of histories.slice(0, 400))
      for (const r of dailyStatusRecords(events, c, UNTIL, days)) {
        n++;
        expect(r.workingMs).toBeLessThanOrEqual(r.onlineMs);
        expect(r.onlineMs).toBeLessThanOrEqual(r.observedMs);
        expect(r.observedMs).toBeLessThanOrEqual(86_400_000);
        expect(r.workingSamples).toBeLessThanOrEqual(r.onlineSamples);
        expect(r.onlineSamples).toBeLessThanOrEqual(r.samples);
      }
    expect(n).toBeGreaterThan(1000);
  });
});
