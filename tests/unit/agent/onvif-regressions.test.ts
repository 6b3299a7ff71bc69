// Regression tests for the defects found in node-onvif and onvif (shared/docs/onvif-notes.md):
// each opens with the bug it pins. Everything runs against the simulator on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifSession, parseDeviceClock } from '../../../camera-agent/onvif/client';
import { parseSoapBody } from '../../../camera-agent/onvif/xml';
import { startSimulator, type SimulatorHandle } from '../../../camera-agent/simulator/server';
import { closedPort, deviceId, FAST, probe } from './probe-helpers';

const A = deviceId(1);
const B = deviceId(2);
const C = deviceId(3);
const CHINESE = '雪亮<监控>&"密码';
let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({
    cameras: [
      { deviceId: A, user: 'alice', password: 'alpha-pass' },
      { deviceId: B, user: 'bob', password: 'bravo-pass' },
      { deviceId: C, password: CHINESE },
    ],
  });
});
afterAll(async () => {
  await sim.close();
});

describe('credentials', () => {
  it("node-onvif sent one camera's digest credentials to another (module-level singleton): concurrent snapshots never cross", async () => {
    const sessions = [
      { id: A, user: 'alice', password: 'alpha-pass' },
      { id: B, user: 'bob', password: 'bravo-pass' },
    ];
    const shots = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const s = sessions[i % 2]!;
        const session = new OnvifSession(sim.deviceUrl(s.id), { user: s.user, password: s.password }, 'http-digest', FAST);
        return session.fetchSnapshot(`${sim.baseUrl}/onvif/${s.id}/snapshot.jpg`);
      }),
    );
    expect(shots.every((s) => s.body[0] === 0xff && s.body[1] === 0xd8)).toBe(true);
    expect([...sim.camera(A).digestUsers]).toEqual(['alice']);
    expect([...sim.camera(B).digestUsers]).toEqual(['bob']);
  });

  it('node-onvif refused passwords with < > and Chinese, onvif hashed them as ASCII: UTF-8 works with WS-Security and with Digest', async () => {
    const ws = await probe(sim, C, CHINESE);
    expect(ws.observation.auth).toBe('ok');
    expect(ws.authScheme).toBe('ws-security');
    sim.setFaults(C, { digestOnly: true });
    const digest = await probe(sim, C, CHINESE);
    sim.setFaults(C, { digestOnly: false });
    expect(digest.observation.auth).toBe('ok');
    expect(digest.authScheme).toBe('http-digest');
  });

  it('every call failed on gSOAP cameras refusing the mustUnderstand security header: we fall back to Digest and remember it', async () => {
    sim.setFaults(A, { mustUnderstandRefusal: true });
    try {
      const first = await probe(sim, A, 'alpha-pass');
      expect(first.observation.auth).toBe('ok');
      expect(first.authScheme).toBe('http-digest');
      const before = sim.camera(A).requests;
      // Remembered: the next poll goes straight to Digest (clock, 401 challenge, answer = 3 requests).
      const second = await probe(sim, A, 'alpha-pass', { authScheme: first.authScheme, cache: first.cache });
      expect(second.observation.auth).toBe('ok');
      expect(sim.camera(A).requests - before).toBe(3);
    } finally {
      sim.setFaults(A, { mustUnderstandRefusal: false });
    }
  });

  it('a wrong password is AUTH_FAILED after both schemes, and the password never appears in the result', async () => {
    const res = await probe(sim, B, 'wrong-secret-水');
    expect(res.observation.auth).toBe('not-authorized');
    expect(JSON.stringify(res)).not.toContain('wrong-secret');
  });
});

describe('inventory fields stay strings', () => {
  it('onvif turned serial 404754734001050102 into 404754734001050100 and firmware "2.40" into 2.4: we keep both exactly', async () => {
    sim.camera(B).serial = '404754734001050102';
    sim.camera(B).firmware = '2.40';
    const res = await probe(sim, B, 'bravo-pass');
    expect(res.device?.serial).toBe('404754734001050102');
    expect(res.device?.firmware).toBe('2.40');
  });
});

describe('clock', () => {
  it('node-onvif set date fields one by one on "now" and was a month off when today\'s day did not exist in the camera\'s month', () => {
    const body = parseSoapBody(
      Buffer.from(
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="x"><s:Body><GetSystemDateAndTimeResponse><SystemDateAndTime>' +
          '<tt:UTCDateTime><tt:Time><tt:Hour>23</tt:Hour><tt:Minute>59</tt:Minute><tt:Second>58</tt:Second></tt:Time>' +
          '<tt:Date><tt:Year>2026</tt:Year><tt:Month>2</tt:Month><tt:Day>28</tt:Day></tt:Date></tt:UTCDateTime></SystemDateAndTime></GetSystemDateAndTimeResponse></s:Body></s:Envelope>',
      ),
      null,
    );
    expect(parseDeviceClock(body)).toBe(Date.UTC(2026, 1, 28, 23, 59, 58));
  });

  it('onvif computed the offset once per instance: a clock that jumps is re-read every poll and the token still verifies', async () => {
    sim.setFaults(B, { clockSkewMs: 0 });
    const before = await probe(sim, B, 'bravo-pass');
    sim.setFaults(B, { clockSkewMs: 3_600_000 + 20_000 });
    const after = await probe(sim, B, 'bravo-pass', { authScheme: before.authScheme });
    sim.setFaults(B, { clockSkewMs: 0 });
    expect(Math.abs(before.clockOffsetMs!)).toBeLessThan(1500);
    expect(after.clockOffsetMs! - 3_620_000).toBeLessThan(1500);
    expect(after.observation.auth).toBe('ok');
    expect(after.authScheme).toBe('ws-security');
  });
});

describe('hostile answers cost bounded time and memory', () => {
  it('node-onvif and onvif never settled on a camera dripping one byte per second: the deadline covers the body', async () => {
    sim.setFaults(A, { drip: true });
    const t0 = Date.now();
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { drip: false });
    expect(res.observation.failure).toEqual({ state: 'NO_RESPONSE', reason: 'deadline' });
    expect(Date.now() - t0).toBeLessThan(FAST.soapDeadlineMs + FAST.connectCheckMs + 1000);
  });

  it('onvif waited 120 s on a black hole by default: an accepted but silent connection is NO_RESPONSE at the deadline', async () => {
    sim.setFaults(A, { blackHole: true });
    const t0 = Date.now();
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { blackHole: false });
    expect(res.observation.failure?.state).toBe('NO_RESPONSE');
    expect(Date.now() - t0).toBeLessThan(FAST.soapDeadlineMs + FAST.connectCheckMs + 1000);
  });

  it('a 50 MB reply blocked node-onvif for 13 s and took 1.5 GB: it is refused at the byte cap', async () => {
    sim.setFaults(A, { hugeBodyBytes: 50 * 1024 * 1024 });
    const rss0 = process.memoryUsage().rss;
    const t0 = Date.now();
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { hugeBodyBytes: undefined });
    expect(res.observation.failure).toEqual({ state: 'PROTOCOL_ERROR', reason: 'body-too-large' });
    expect(Date.now() - t0).toBeLessThan(FAST.soapDeadlineMs);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 * 1024);
  });

  it('a gzip bomb inflating to 16 MB stops at the 1 MiB cap', async () => {
    sim.setFaults(A, { gzipBomb: true });
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { gzipBomb: undefined });
    expect(res.observation.failure?.state).toBe('PROTOCOL_ERROR');
  });

  it('a billion-laughs DTD is refused before parsing', async () => {
    sim.setFaults(A, { doctype: true });
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { doctype: undefined });
    expect(res.observation.failure).toEqual({ state: 'PROTOCOL_ERROR', reason: 'dtd-refused' });
  });

  it('a redirect to another host is never followed (it would carry our credentials there)', async () => {
    sim.setFaults(A, { redirectTo: 'http://192.0.2.1/steal' });
    const res = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { redirectTo: undefined });
    expect(res.observation.failure).toEqual({ state: 'PROTOCOL_ERROR', reason: 'redirect-refused' });
  });

  it('garbage and non-UTF-8 bytes are PROTOCOL_ERROR, not a crash', async () => {
    sim.setFaults(A, { garbage: true });
    const garbage = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { garbage: undefined, nonUtf8: true });
    const bytes = await probe(sim, A, 'alpha-pass');
    sim.setFaults(A, { nonUtf8: undefined });
    expect(garbage.observation.failure?.state).toBe('PROTOCOL_ERROR');
    expect(bytes.observation.failure?.state).toBe('PROTOCOL_ERROR');
  });

  it('a closed port is UNREACHABLE, told apart from a silent camera', async () => {
    const res = await probe(sim, A, 'alpha-pass', { deviceUrl: `http://127.0.0.1:${await closedPort()}/onvif/x/device_service` });
    expect(res.observation.failure?.state).toBe('UNREACHABLE');
  });

  it('a camera locking its account after N failures is not hammered: one poll makes at most two attempts', async () => {
    sim.setFaults(B, { lockAfterFailures: 3 });
    await probe(sim, B, 'nope');
    expect(sim.camera(B).locked).toBe(false);
    expect(sim.camera(B).failedAuth).toBeLessThanOrEqual(2);
    sim.camera(B).failedAuth = 0;
    sim.setFaults(B, { lockAfterFailures: undefined });
  });
});
