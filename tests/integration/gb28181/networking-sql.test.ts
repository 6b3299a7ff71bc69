// 联网 in SQL answers as the health vocabulary does: xl_networked equals isNetworked over a grid of
// facts (registered, keepalive age at and around 3 intervals, interval unknown, channel ON/OFF/
// unsaid), and xl_camera_networked reads the facts of every path to a camera from gb_devices and
// gb_channels (its own registration, or a recorder's catalog channel).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelStatus, isNetworked, type NetworkingFacts } from '../../../vocabulary/camera-health';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const cam = (i: number) => `3401000000132000${String(i).padStart(4, '0')}`;

describe('networking vocabulary in SQL', () => {
  it('answers xl_networked as isNetworked does, for every combination of facts', async () => {
    const grid: Array<NetworkingFacts & { word: string | null }> = [];
    for (const registered of [true, false])
      for (const keepaliveAgeS of [null, -2, 0, 59.5, 179.9, 180, 180.1, 1e6])
        for (const keepaliveIntervalS of [null, 0, -1, 60, 30])
          for (const word of [null, '', 'ON', 'off', 'OFFLINE', 'Online', 'VLOST'])
            grid.push({ registered, keepaliveAgeS, keepaliveIntervalS, channelStatus: channelStatus(word), word });
    const { rows } = await db.pool.query<{ n: boolean }>(
      `SELECT xl_networked(r, a, i, s) AS n
       FROM unnest($1::boolean[], $2::float8[], $3::float8[], $4::text[]) WITH ORDINALITY AS t(r, a, i, s, k) ORDER BY k`,
      [grid.map((g) => g.registered), grid.map((g) => g.keepaliveAgeS), grid.map((g) => g.keepaliveIntervalS), grid.map((g) => g.word)],
    );
    expect(rows.map((r) => r.n)).toEqual(grid.map(isNetworked));
    expect(rows.some((r) => r.n)).toBe(true);
    expect(rows.some((r) => !r.n)).toBe(true);
  });

  it('decides a camera networked over its own registration or a recorder channel, at an instant', async () => {
    await db.pool.query(
      `INSERT INTO cameras (device_id, type, geom, height_m)
       SELECT '3401000000132000' || lpad(g::text, 4, '0'), 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6 FROM generate_series(1, 6) g`,
    );
    const dev = (id: string, camera: number | null, aliveAgoS: number, extra = '') =>
      db.pool.query(
        `INSERT INTO gb_devices (device_id, kind, camera_id, transport, remote_address, remote_port, registered, registered_at, expires_at,
           last_alive_at, keepalive_interval_s, online, since)
         VALUES ($1, $2, (SELECT id FROM cameras WHERE device_id = $3), 'UDP', '127.0.0.1', 5060, true, now() - interval '1 hour',
           now() + interval '1 hour', now() - make_interval(secs => $4), 60, true, now()) ${extra}`,
        [id, camera === null ? 'recorder' : 'camera', camera === null ? null : cam(camera), aliveAgoS],
      );
    await dev(cam(1), 1, 30); // alive, registered itself
    await dev(cam(2), 2, 200); // 200 s > 3 × 60 s: not networked
    await dev(cam(3), 3, 10);
    await db.pool.query(`UPDATE gb_devices SET expires_at = now() - interval '1 second' WHERE device_id = $1`, [cam(3)]); // expired
    const nvr = '34010000001180000001';
    await dev(nvr, null, 5);
    for (const [i, status] of [
      [4, 'ON'],
      [5, 'OFF'],
      [6, ''],
    ] as const)
      await db.pool.query(
        `INSERT INTO gb_channels (device_id, channel_id, camera_id, status) VALUES ($1, $2, (SELECT id FROM cameras WHERE device_id = $2), $3)`,
        [nvr, cam(i), status],
      );
    const at = async (sql: string) =>
      (
        await db.pool.query<{ d: string; n: boolean }>(
          `SELECT device_id AS d, xl_camera_networked(id, ${sql}) AS n FROM cameras ORDER BY device_id`,
        )
      ).rows.map((r) => r.n);
    expect(await at('now()')).toEqual([true, false, false, true, false, true]);
    // 3 minutes later the recorder's last keepalive (5 s ago) is 185 s old: its channels fall out.
    expect(await at("now() + interval '3 minutes'")).toEqual([false, false, false, false, false, false]);
  });
});
