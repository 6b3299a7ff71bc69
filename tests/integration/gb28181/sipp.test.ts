// Interoperability: SIPp (Debian's sip-tester), an independent SIP implementation, plays a
// GB/T 28181 device against our server over UDP and TCP: REGISTER with digest, keepalives,
// silence (the server marks it offline), and unregister. Installed by the test set-up
// (db/system-packages.ts ensureSipp), as Chromium is.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSipp } from '../../../db/system-packages';
import { cameraId, DEFAULT_PASSWORD, eventually, SERVER_ID, startWorld, type GbWorld } from './gb-fixture';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'fixtures', 'sipp');
let w: GbWorld;
let sipp: string;

beforeAll(async () => {
  sipp = ensureSipp();
  // A 1 s keepalive interval: SIPp's 7 s of silence is well past 3 missed keepalives, and a
  // loaded machine's delays between SIPp's first steps stay well under them.
  w = await startWorld(20, { keepaliveIntervalMs: 1000 });
});
afterAll(async () => {
  await w.close();
});

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Runs one SIPp call; resolves with its exit code (0: every step of the scenario passed) and output. */
async function runSipp(
  scenario: string,
  deviceId: string,
  password: string,
  transport: 'u1' | 't1',
): Promise<{ code: number | null; output: string }> {
  const args = [
    `127.0.0.1:${w.gb.server.port}`,
    '-sf',
    join(SCENARIOS, scenario),
    '-m',
    '1',
    '-i',
    '127.0.0.1',
    '-p',
    String(await freePort()),
    '-t',
    transport,
    '-s',
    deviceId,
    '-au',
    deviceId,
    '-ap',
    password,
    '-key',
    'server',
    SERVER_ID,
    '-key',
    'domain',
    SERVER_ID.slice(0, 10),
    '-timeout',
    '30s',
    '-nostdin',
  ];
  const child = spawn(sipp, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { code, output: output.slice(-2000) };
}

const row = async (id: string) =>
  (await w.db.pool.query('SELECT * FROM gb_devices WHERE device_id = $1', [id])).rows[0] as Record<string, unknown> | undefined;
const kinds = async (id: string) =>
  (await w.db.pool.query<{ kind: string }>('SELECT kind FROM gb_events WHERE device_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);

describe.each([
  ['UDP', 'u1', 11],
  ['TCP', 't1', 12],
] as const)('SIPp as a GB/T 28181 device over %s', (transport, flag, serial) => {
  it('registers with digest (Date checked by SIPp), keeps alive and is online, goes offline when silent, then unregisters', async () => {
    const id = cameraId(serial);
    const run = runSipp('gb28181-device.xml', id, DEFAULT_PASSWORD, flag);
    const online = await eventually(async () => {
      const r = await row(id);
      return r?.online === true && r.last_keepalive_at !== null ? r : undefined;
    }, 'online with a keepalive');
    expect(online).toMatchObject({ registered: true, transport });
    // SIPp is silent for 7 s; the server's interval is 1 s, so the device must go offline meanwhile.
    await eventually(async () => (await row(id))?.reason === 'keepalive-missed', 'offline after missed keepalives');
    const { code, output } = await run;
    expect(code, output).toBe(0);
    await eventually(async () => (await row(id))?.reason === 'unregistered', 'unregistered');
    // Registration and liveness events (SIPp does not answer our catalog query: a catalog-timeout
    // event may fall anywhere in between).
    const seen = (await kinds(id)).filter((k) => ['registered', 'online', 'offline', 'unregistered', 'expired'].includes(k));
    expect(seen[0]).toBe('registered');
    expect(seen.slice(-2)).toEqual(['offline', 'unregistered']);
  });
});

describe('SIPp with a wrong password', () => {
  it('gets 403 after the challenge, and the device is not registered', async () => {
    const id = cameraId(13);
    const { code, output } = await runSipp('gb28181-wrong-password.xml', id, 'wrong', 'u1');
    expect(code, output).toBe(0);
    expect(await row(id)).toBeUndefined();
    await eventually(async () => (await kinds(id)).includes('auth-failed'), 'auth-failed event');
  });
});
