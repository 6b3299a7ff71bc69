import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatagram } from '../../../camera-agent/gb28181/sip/message';
import { startGbServer } from '../../../camera-agent/gb28181/start-server';
import { cameraId, deviceSpec, eventually, FAST_GB, SERVER_ID, startWorld, type GbWorld, DEFAULT_PASSWORD } from './gb-fixture';

let w: GbWorld;
beforeAll(async () => {
  w = await startWorld(10);
});
afterAll(async () => {
  await w.close();
});

const register = (id: string, branch: string, auth = ''): Buffer =>
  Buffer.from(
    [
      `REGISTER sip:${SERVER_ID}@${SERVER_ID.slice(0, 10)} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:9;branch=${branch}`,
      `From: <sip:${id}@${SERVER_ID.slice(0, 10)}>;tag=t`,
      `To: <sip:${id}@${SERVER_ID.slice(0, 10)}>`,
      `Call-ID: ${branch}`,
      'CSeq: 1 REGISTER',
      'Expires: 3600',
      ...(auth === '' ? [] : [`Authorization: ${auth}`]),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );

describe('SIP server under hostile or unknown peers', () => {
  it('keeps no state for a flood of unauthenticated or forged REGISTERs from 3,000 ids', async () => {
    const udp = createSocket('udp4');
    const answers: number[] = [];
    udp.on('message', (m) => {
      const r = parseDatagram(m);
      if (r.kind === 'response') answers.push(r.status);
    });
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    for (let i = 0; i < 3000; i++) {
      const id = `3401000000132${String(100000 + i).padStart(7, '0')}`;
      const forged =
        i % 2 === 0 ? '' : `Digest username="${id}", realm="3401000000", nonce="${'ab'.repeat(28)}", uri="sip:x", response="00"`;
      udp.send(register(id, `z9hG4bKflood${i}`, forged), w.gb.server.port, '127.0.0.1');
      if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(async () => answers.length >= 2900, 'answers to the flood');
    udp.close();
    expect(new Set(answers)).toEqual(new Set([401]));
    expect(w.gb.server.sessions.size).toBe(0);
    await w.gb.server['flush']();
    expect((await w.db.pool.query('SELECT count(*)::int AS n FROM gb_devices')).rows[0].n).toBe(0);
  });

  it('answers a retransmitted REGISTER with the same bytes (processed once)', async () => {
    const udp = createSocket('udp4');
    const got: Buffer[] = [];
    udp.on('message', (m) => got.push(m));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    const msg = register(cameraId(9), 'z9hG4bKretrans1');
    const before = w.gb.server.stats.challenges;
    for (let i = 0; i < 3; i++) udp.send(msg, w.gb.server.port, '127.0.0.1');
    await eventually(async () => got.length === 3, 'three answers');
    udp.close();
    expect(got[1]!.equals(got[0]!)).toBe(true);
    expect(got[2]!.equals(got[0]!)).toBe(true);
    expect(w.gb.server.stats.challenges - before).toBe(1);
  });

  it('restores registered devices after a restart, so they are not reported offline for the restart itself', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(3))]);
    expect(await dev!.register()).toBe(200);
    await eventually(
      async () => (await w.db.pool.query('SELECT 1 FROM gb_devices WHERE device_id = $1', [cameraId(3)])).rowCount === 1,
      'stored',
    );
    await w.gb.stop();
    const second = await startGbServer(w.db.pool, {
      host: '127.0.0.1',
      port: 0,
      serverId: SERVER_ID,
      defaultPassword: DEFAULT_PASSWORD,
      ...FAST_GB,
    });
    try {
      expect(second.server.sessions.get(cameraId(3))).toMatchObject({ registered: true, online: true });
    } finally {
      await second.stop();
    }
  });
});
