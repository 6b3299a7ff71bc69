// The health state machine (camera-agent/health.ts) is pure: every rule is tested with
// synthetic observations, including the timing rules (no sleeps: times are plain numbers).
import { describe, expect, it } from 'vitest';
import { agentConfig } from '../../../camera-agent/config';
import { decide, jittered, type HealthMemory, type PollObservation } from '../../../camera-agent/health';
import { THUMB_H, THUMB_W } from '../../../camera-agent/snapshot-analysis';

const config = agentConfig();
const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const fresh = (): HealthMemory => ({ failures: 0 });
const device = { model: 'M', firmware: '2.40', serial: '404754734001050102' };
const thumb = (v: number): Uint8Array => new Uint8Array(THUMB_W * THUMB_H).fill(v);
const scene = (v: number) => ({ ok: true as const, width: 320, height: 180, meanLuma: 120, stdDevLuma: 40, thumb: thumb(v) });
const ok = (at: number, extra: Partial<PollObservation> = {}): PollObservation => ({
  at,
  clockOffsetMs: 10,
  auth: 'ok',
  device,
  streamUri: 'rtsp://x',
  ...extra,
});

/** Runs observations in order, threading the memory. */
function run(observations: PollObservation[], mem: HealthMemory = fresh()) {
  const decisions = [];
  for (const obs of observations) {
    const d = decide(obs, mem, config);
    decisions.push(d);
    mem = d.memory;
  }
  return decisions;
}

describe('health state machine', () => {
  it('a first answer with good picture is OK and counts as a change (the UNKNOWN → OK event)', () => {
    const [d] = run([ok(T0, { snapshot: scene(100) })]);
    expect(d).toMatchObject({ state: 'OK', reason: 'ok', changed: true, since: T0 });
  });

  it('since stays at the start of the state so the map can say "down since 08:00"', () => {
    const fail = { state: 'UNREACHABLE', reason: 'connect-refused' } as const;
    const ds = run([ok(T0), { at: T0 + 60_000, failure: fail }, { at: T0 + 120_000, failure: fail }]);
    expect(ds[2]).toMatchObject({ state: 'UNREACHABLE', since: T0 + 60_000, changed: false });
  });

  it('a NotAuthorized from a camera whose clock is off is CLOCK_SKEW, not a wrong password', () => {
    const [d] = run([{ at: T0, clockOffsetMs: 90_000, auth: 'not-authorized' }]);
    expect(d).toMatchObject({ state: 'CLOCK_SKEW', reason: 'clock-offset' });
  });

  it('a refusal with a correct clock is AUTH_FAILED and is not retried for 30 minutes (cameras lock accounts)', () => {
    const [d] = run([{ at: T0, clockOffsetMs: 200, auth: 'not-authorized' }]);
    expect(d).toMatchObject({ state: 'AUTH_FAILED', nextDelayMs: 30 * 60_000 });
  });

  it('firmware labelling local time as UTC (+8 h) is tolerated only when whole-hour tolerance is on', () => {
    const eightHours = 8 * 3_600_000 + 1200;
    expect(decide(ok(T0, { clockOffsetMs: eightHours }), fresh(), config).state).toBe('CLOCK_SKEW');
    expect(decide(ok(T0, { clockOffsetMs: eightHours }), fresh(), agentConfig({ tolerateWholeHourOffsets: true })).state).toBe('OK');
  });

  it('down cameras back off exponentially but never beyond the cap, so recovery is seen within 5 minutes', () => {
    const fail = { state: 'NO_RESPONSE', reason: 'deadline' } as const;
    const ds = run(Array.from({ length: 8 }, (_, i) => ({ at: T0 + i * 1000, failure: fail })));
    expect(ds.map((d) => d.nextDelayMs)).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000, 300_000, 300_000]);
  });

  it('jitter stays within ± the configured fraction', () => {
    expect(jittered(60_000, config, () => 0)).toBe(54_000);
    expect(jittered(60_000, config, () => 0.999999)).toBeLessThanOrEqual(66_000);
  });

  it('a black picture is DEGRADED and stays so between snapshots (no OK flicker)', () => {
    const black = { ok: true as const, width: 320, height: 180, meanLuma: 3, stdDevLuma: 1, thumb: thumb(3) };
    const ds = run([ok(T0, { snapshot: black }), ok(T0 + 60_000)]);
    expect(ds.map((d) => d.reason)).toEqual(['black-picture', 'black-picture']);
  });

  it('a frozen picture needs N identical frames spanning M minutes (static scenes give false positives on two)', () => {
    const step = 5 * 60_000;
    const ds = run([0, 1, 2, 3].map((i) => ok(T0 + i * step, { snapshot: scene(100) })));
    expect(ds.map((d) => d.state)).toEqual(['OK', 'OK', 'DEGRADED', 'DEGRADED']);
    expect(ds[2]!.reason).toBe('frozen-picture');
    const moving = run([0, 1, 2, 3].map((i) => ok(T0 + i * step, { snapshot: scene(100 + i * 5) })));
    expect(moving.every((d) => d.state === 'OK')).toBe(true);
  });

  it('a changed serial means the camera was replaced; the finding holds for the notice window then clears', () => {
    const replaced = { device: { ...device, serial: 'NEW' } };
    const ds = run([ok(T0), ok(T0 + 60_000, replaced), ok(T0 + 60_000 + config.noticeHoldMs, replaced)]);
    expect(ds.map((d) => `${d.state}:${d.reason}`)).toEqual(['OK:ok', 'DEGRADED:replaced', 'OK:ok']);
  });

  it('a firmware change and a short outage (reboot) are flagged', () => {
    const fw = run([ok(T0), ok(T0 + 60_000, { device: { ...device, firmware: '2.41' } })]);
    expect(fw[1]!.reason).toBe('firmware-changed');
    const reboot = run([ok(T0), { at: T0 + 60_000, failure: { state: 'NO_RESPONSE', reason: 'connection-reset' } }, ok(T0 + 120_000)]);
    expect(reboot[2]).toMatchObject({ state: 'DEGRADED', reason: 'rebooted' });
  });

  it('PROTOCOL_ERROR is offline (an answer outside ONVIF is no answer): it backs off like any outage', () => {
    const fail = { state: 'PROTOCOL_ERROR', reason: 'not-soap' } as const;
    const ds = run(Array.from({ length: 4 }, (_, i) => ({ at: T0 + i * 1000, failure: fail })));
    expect(ds.map((d) => d.nextDelayMs)).toEqual([60_000, 120_000, 240_000, 300_000]);
  });

  it('a camera booting (refused, then a web page before its ONVIF service is up) is flagged as rebooted', () => {
    const ds = run([
      ok(T0),
      { at: T0 + 60_000, failure: { state: 'UNREACHABLE', reason: 'connect-refused' } },
      { at: T0 + 120_000, failure: { state: 'PROTOCOL_ERROR', reason: 'not-soap' } },
      ok(T0 + 180_000),
    ]);
    expect(ds[3]).toMatchObject({ state: 'DEGRADED', reason: 'rebooted' });
  });

  it('a short outage of slow answers (deadline) is not called a reboot: overload is not a restart', () => {
    const slow = run([ok(T0), { at: T0 + 60_000, failure: { state: 'NO_RESPONSE', reason: 'deadline' } }, ok(T0 + 120_000)]);
    expect(slow[2]).toMatchObject({ state: 'OK', reason: 'ok' });
  });

  it('no stream URI, a non-image and two failed snapshots in a row (one slow download is not a broken picture) are DEGRADED with their own reasons', () => {
    expect(decide(ok(T0, { streamUri: null }), fresh(), config).reason).toBe('no-stream-uri');
    const failed = { snapshot: { ok: false as const, reason: 'snapshot-failed' as const } };
    expect(run([ok(T0, failed), ok(T0 + 60_000, failed)]).map((d) => d.reason)).toEqual(['ok', 'snapshot-failed']);
    expect(decide(ok(T0, { snapshot: { ok: false, reason: 'snapshot-not-image' } }), fresh(), config).reason).toBe('snapshot-not-image');
  });

  it('a resolution change is flagged', () => {
    const ds = run([ok(T0, { snapshot: scene(1) }), ok(T0 + 60_000, { snapshot: { ...scene(2), width: 640, height: 360 } })]);
    expect(ds[1]!.reason).toBe('resolution-changed');
  });
});
