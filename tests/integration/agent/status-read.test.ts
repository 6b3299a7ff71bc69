// The read side (api/domain/status): roll-ups of 在线率/完好率 up the admin hierarchy, alarms
// that respect the flap window and can be acknowledged, and the card's availability strips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeAlarm,
  cameraAvailability,
  listAlarms,
  localToday,
  rollups,
  statusSummary,
} from '../../../api/domain/status/status-repository';
import { setThresholds } from '../../../api/domain/status/thresholds';
import { StatusWriter, type PollRecord } from '../../../camera-agent/status-writer';
import { runCli } from '../../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { pollRecord } from '../../helpers/poll-record';

let db: TestDatabase;
const ids: number[] = [];
const SQUARE = 'ST_Multi(ST_MakeEnvelope(117, 31, 118, 32, 4326))';

beforeAll(async () => {
  db = await createTestDatabase();
  const q = db.pool;
  const city = (
    await q.query<{ id: number }>(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('34010000', 'City', 'city', ${SQUARE}) RETURNING id`,
    )
  ).rows[0]!.id;
  const county = (
    await q.query<{ id: number }>(
      `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ('34010200', 'County', 'county', $1, ${SQUARE}) RETURNING id`,
      [city],
    )
  ).rows[0]!.id;
  const towns: number[] = [];
  for (const code of ['34010201', '34010202']) {
    towns.push(
      (
        await q.query<{ id: number }>(
          `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ($1, $1, 'town', $2, ${SQUARE}) RETURNING id`,
          [code, county],
        )
      ).rows[0]!.id,
    );
  }
  for (let i = 0; i < 4; i++) {
    const { rows } = await q.query<{ id: number }>(
      "INSERT INTO cameras (device_id, type, geom, height_m, admin_area_id) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6, $2) RETURNING id",
      [`3401020100132000000${i}`, towns[i < 2 ? 0 : 1]],
    );
    ids.push(rows[0]!.id);
  }
  // Town 1: both cameras up all day. Town 2: one up, one down half the day.
  const day = (cameraId: number, online: number, working: number) =>
    q.query("INSERT INTO camera_status_daily VALUES ($1, '2026-11-26', 100, $2, $3, 86400000, $4, $5)", [
      cameraId,
      online,
      working,
      online * 864_000,
      working * 864_000,
    ]);
  await day(ids[0]!, 100, 100);
  await day(ids[1]!, 100, 90);
  await day(ids[2]!, 100, 100);
  await day(ids[3]!, 50, 50);
});
afterAll(async () => {
  await db?.drop();
});

function record(cameraId: number, state: PollRecord['state'], sinceMs: number, polledAt: number): PollRecord {
  return pollRecord(cameraId, String(cameraId), state, null, polledAt, {
    reason: state === 'OK' ? 'ok' : 'deadline',
    since: sinceMs,
    memory: { failures: 0 },
  });
}

describe('status read side', () => {
  it("xueliang status prints each area's rates against its own thresholds and says when below", async () => {
    const { today } = await localToday(db.pool);
    for (const id of ids)
      await db.pool.query('INSERT INTO camera_status_daily VALUES ($1, $2, 100, 100, 90, 86400000, 86400000, 77760000)', [id, today]);
    await setThresholds(db.pool, '34010200', { online: 0.99, working: 0.95 }, { id: null, username: 'test' });
    const out = await runCli(db.url, ['status', '--level', 'county']);
    expect(out.code).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.includes('County') && l.includes('sampled'));
    expect(line).toMatch(/在线率 100\.00 % \(sampled 100\.00 %; ≥ 99\.00 %\)/);
    expect(line).toMatch(/完好率 90\.00 % \(sampled 90\.00 %; ≥ 95\.00 % BELOW\)/);
    await db.pool.query('DELETE FROM camera_status_daily WHERE day = $1', [today]);
  }, 60_000);

  it('rolls 在线率 and 完好率 up from town to county to city, weighting cameras by observed time', async () => {
    const args = { period: 'day' as const, from: '2026-11-26', to: '2026-11-26' };
    const towns = await rollups(db.pool, { ...args, level: 'town' });
    expect(towns.map((r) => [r.areaCode, r.onlineRateTimeWeighted])).toEqual([
      ['34010201', 1],
      ['34010202', 0.75],
    ]);
    const [county] = await rollups(db.pool, { ...args, level: 'county' });
    expect(county).toMatchObject({ cameras: 4, onlineRateSampled: 0.875, onlineRateTimeWeighted: 0.875, workingRateSampled: 0.85 });
    const [city] = await rollups(db.pool, { ...args, level: 'city' });
    expect(city!.onlineRateTimeWeighted).toBe(0.875);
    const [month] = await rollups(db.pool, { ...args, level: 'all', period: 'month' });
    expect(month).toMatchObject({ period: '2026-11', cameras: 4 });
  });

  it('raises an alarm only after the flap window, clears it when the camera works again, and records one acknowledgement', async () => {
    const writer = new StatusWriter(db.pool, { flapWindowMs: 5 * 60_000 });
    const now = Date.now();
    await db.pool.query('INSERT INTO camera_poll_state (camera_id, next_due_at) SELECT id, now() FROM cameras');
    writer.add(record(ids[0]!, 'NO_RESPONSE', now - 10 * 60_000, now));
    writer.add(record(ids[1]!, 'NO_RESPONSE', now - 60_000, now));
    await writer.flush();
    const open = (await listAlarms(db.pool)).alarms;
    expect(open.map((a) => a.cameraId)).toEqual([ids[0]]);
    const ack = await acknowledgeAlarm(db.pool, open[0]!.id, 'duty-officer', 'crew sent');
    const again = await acknowledgeAlarm(db.pool, open[0]!.id, 'someone-else', null);
    expect(again).toMatchObject({ acknowledgedBy: 'duty-officer', acknowledgedAt: ack!.acknowledgedAt });
    writer.add(record(ids[0]!, 'OK', now + 1000, now + 1000));
    await writer.flush();
    expect((await listAlarms(db.pool)).alarms).toEqual([]);
    expect((await listAlarms(db.pool, { openOnly: false })).alarms[0]!.clearedAt).not.toBeNull();
    const summary = await statusSummary(db.pool);
    expect(summary.byState).toMatchObject({ OK: 1, NO_RESPONSE: 1, UNKNOWN: 2 });
  });

  it('gives the card 24 hourly cells from events and 30 daily cells from aggregates', async () => {
    const cam = ids[2]!;
    const hour = 3_600_000;
    const t = Date.now();
    await db.pool.query(
      `INSERT INTO camera_status_events (camera_id, state, previous_state, reason, at) VALUES
      ($1, 'OK', NULL, 'ok', to_timestamp($2 / 1000.0)), ($1, 'UNREACHABLE', 'OK', 'connect-refused', to_timestamp($3 / 1000.0))`,
      [cam, t - 30 * hour, t - 2 * hour],
    );
    const av = await cameraAvailability(db.pool, '34010201001320000002');
    expect(av!.last24h).toHaveLength(24);
    expect(av!.last24h[0]!.workingSeconds).toBe(3600);
    expect(av!.last24h.at(-1)!.worstState).toBe('UNREACHABLE');
    expect(av!.last24h.at(-1)!.onlineSeconds).toBe(0);
    expect(await cameraAvailability(db.pool, '00000000000000000000')).toBeUndefined();
  });
});
