// The SQL side of the health vocabulary answers as vocabulary/camera-health.ts does, for every
// state: the functions (xl_state_online, xl_state_working, xl_state_severity), camera_status's
// CHECK list and generated columns, the replay of past days (xl_camera_working), the card's
// availability shares and hourly strip. Before the vocabulary, camera_status.online and both
// availability queries counted PROTOCOL_ERROR as online while the map drew it offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraAvailability as cardShares } from '../../../api/domain/cameras/cameras';
import { cameraAvailability } from '../../../api/domain/status/status-repository';
import { CAMERA_STATES, isOnline, isWorking, mostSevere, severity, STATUS_STATES } from '../../../vocabulary/camera-health';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
const ids = new Map<string, number>();
const deviceOf = (i: number) => `3401020100132000${String(i).padStart(4, '0')}`;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [i, state] of CAMERA_STATES.entries()) {
    const { rows } = await db.pool.query<{ id: number }>(
      "INSERT INTO cameras (device_id, type, geom, height_m) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6) RETURNING id",
      [deviceOf(i)],
    );
    ids.set(state, rows[0]!.id);
  }
});
afterAll(async () => {
  await db?.drop();
});

describe('health vocabulary in SQL', () => {
  it('answers online, working and severity as the module does, for every state, NULL and an unknown word', async () => {
    const words: Array<string | null> = [...STATUS_STATES, null, 'SOMETHING_ELSE'];
    const { rows } = await db.pool.query<{ state: string | null; online: boolean; working: boolean; severity: number }>(
      `SELECT s AS state, xl_state_online(s) AS online, xl_state_working(s) AS working, xl_state_severity(s) AS severity
       FROM unnest($1::text[]) AS s`,
      [words],
    );
    expect(rows).toEqual(words.map((s) => ({ state: s, online: isOnline(s), working: isWorking(s), severity: severity(s) })));
  });

  it("lets camera_status hold exactly the module's states", async () => {
    const { rows } = await db.pool.query<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       WHERE c.conrelid = 'camera_status'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%state%'`,
    );
    expect(rows).toHaveLength(1);
    const listed = [...rows[0]!.def.matchAll(/'([A-Z_]+)'::text/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...CAMERA_STATES].sort());
  });

  it('stores online and working in camera_status as the module decides them (PROTOCOL_ERROR is offline)', async () => {
    for (const [state, id] of ids)
      await db.pool.query('INSERT INTO camera_status (camera_id, state, since, last_poll_at) VALUES ($1, $2, now(), now())', [id, state]);
    const { rows } = await db.pool.query<{ state: string; online: boolean; working: boolean }>(
      'SELECT state, online, working FROM camera_status ORDER BY camera_id',
    );
    expect(rows).toEqual(CAMERA_STATES.map((s) => ({ state: s, online: isOnline(s), working: isWorking(s) })));
  });

  it('replays a past day as working exactly when the module says so (xl_camera_working)', async () => {
    for (const [state, id] of ids)
      await db.pool.query(
        "INSERT INTO camera_status_events (camera_id, state, reason, at) VALUES ($1, $2, '', now() - interval '5 days')",
        [id, state],
      );
    const { rows } = await db.pool.query<{ id: number; working: boolean }>(
      "SELECT id::int AS id, xl_camera_working(id, (now() - interval '2 days')::date) AS working FROM cameras ORDER BY id",
    );
    expect(rows.map((r) => r.working)).toEqual(CAMERA_STATES.map(isWorking));
  });

  it("gives the card's 30-day shares and hourly strip the module's online and working", async () => {
    for (const [i, [state, id]] of [...ids].entries()) {
      const shares = await cardShares(db.pool, id, 30);
      expect(shares, state).toMatchObject({ onlineShare: isOnline(state) ? 1 : 0, workingShare: isWorking(state) ? 1 : 0 });
      const card = await cameraAvailability(db.pool, deviceOf(i));
      const hour = card!.last24h.at(-2)!; // a whole hour, all in this state
      expect(hour.observedSeconds, state).toBe(3600);
      expect(hour.onlineSeconds, state).toBe(isOnline(state) ? 3600 : 0);
      expect(hour.workingSeconds, state).toBe(isWorking(state) ? 3600 : 0);
      expect(hour.worstState, state).toBe(state);
    }
  });

  it('shows the most severe state of an hour as the module orders them', async () => {
    const id = ids.get('OK')!;
    const hour = (await db.pool.query<{ h: Date }>("SELECT date_trunc('hour', now()) - interval '3 hours' AS h")).rows[0]!.h.getTime();
    const seq = ['OK', 'CLOCK_SKEW', 'AUTH_FAILED', 'DEGRADED', 'OK'];
    for (const [k, state] of seq.entries())
      await db.pool.query(
        "INSERT INTO camera_status_events (camera_id, state, reason, at) VALUES ($1, $2, '', to_timestamp($3 / 1000.0))",
        [id, state, hour + 60_000 + k * 600_000],
      );
    const card = await cameraAvailability(db.pool, deviceOf(0));
    const cell = card!.last24h.find((h) => Date.parse(h.start) === hour)!;
    expect(cell.worstState).toBe(mostSevere(seq));
    expect(cell.worstState).toBe('AUTH_FAILED');
  });
});
