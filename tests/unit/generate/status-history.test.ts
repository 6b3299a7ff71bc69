// The demo county's generated health history (issue 14: "coverage now" on past dates showed 0 %
// because no status was recorded before monitoring began; the demo gets a plausible past).
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../gis-data/generate/prng';
import { cameraStatusHistory, type StatusEvent } from '../../../gis-data/generate/status-history';
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
});
