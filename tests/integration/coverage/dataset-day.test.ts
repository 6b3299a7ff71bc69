// Bug pinned: the coverage engine took "today" as the UTC date while the status side (and the
// agent's daily aggregates) counted days at UTC+8, so between 00:00 and 08:00 in China (16:00 to
// 24:00 UTC) the coverage report said one day and 在线率 another. Now the dataset has one time
// zone (settings time_zone, default Asia/Shanghai) and every side takes its day from it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { coverageReport } from '../../../coverage-engine';
import { localToday } from '../../../api/domain/status/status-repository';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai, and 18:30 on 1 March in New York.
const INSTANT = Date.parse('2026-03-01T23:30:00Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The day each side names at the faked instant. */
async function daysAt(atMs: number): Promise<Record<string, string>> {
  vi.useFakeTimers({ toFake: ['Date'], now: atMs });
  const engine = (await coverageReport(db.pool, {})).asOf;
  const status = (await localToday(db.pool)).today;
  vi.useRealTimers();
  return { engine, status };
}

describe('one "today" for the dataset', () => {
  it('at 23:30 UTC the coverage engine and the status side name the same day (Asia/Shanghai by default)', async () => {
    const days = await daysAt(INSTANT);
    expect(days).toEqual({ engine: '2026-03-02', status: '2026-03-02' });
  });

  it("the SQL side's day and the agent's daily aggregates agree with them", async () => {
    const { loadAgentConfig } = await import('../../../camera-agent/config-store');
    const { dailyIncrements } = await import('../../../camera-agent/accounting');
    const { rows } = await db.pool.query<{ day: string; end: string }>(
      "SELECT xl_local_day($1::timestamptz)::text AS day, xl_status_day_end('2026-03-02') = '2026-03-02T16:00:00Z'::timestamptz AS end",
      [new Date(INSTANT).toISOString()],
    );
    expect(rows[0]).toEqual({ day: '2026-03-02', end: true });
    const agent = dailyIncrements({ cameraId: 1, at: INSTANT, state: 'OK' }, await loadAgentConfig(db.pool));
    expect(agent.map((r) => r.day)).toEqual(['2026-03-02']);
  });

  it('the time zone is a setting of the dataset: changed, every side moves to its day together', async () => {
    const { setTimeZone } = await import('../../../db/dataset-time');
    await setTimeZone(db.pool, 'America/New_York');
    try {
      expect(await daysAt(INSTANT)).toEqual({ engine: '2026-03-01', status: '2026-03-01' });
      const { rows } = await db.pool.query<{ day: string }>('SELECT xl_local_day($1::timestamptz)::text AS day', [
        new Date(INSTANT).toISOString(),
      ]);
      expect(rows[0]!.day).toBe('2026-03-01');
      await expect(setTimeZone(db.pool, 'Mars/Olympus_Mons')).rejects.toThrow(/not an IANA time-zone name/);
    } finally {
      await setTimeZone(db.pool, 'Asia/Shanghai');
    }
  });
});
