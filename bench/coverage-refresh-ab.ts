// `npx tsx bench/coverage-refresh-ab.ts --db xl_refresh_m --old /path/to/old/checkout`: the
// incremental refresh of this checkout against another checkout's, alternating camera by camera
// on the same database so both see the same machine load (a shared 2-core machine makes
// back-to-back runs incomparable). Never point it at a database others use (it moves cameras).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createPool, resolveDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { withDb } from './bench-database';
import { refreshCameras, warmCoverageCache } from '../coverage-engine';

type Refresh = (pool: pg.Pool, ids: number[]) => Promise<{ ms: number }>;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, old: { type: 'string' }, moves: { type: 'string' } } });
  const server = await resolveDatabase({ quiet: true });
  const url = withDb(server.url, values.db ?? 'xl_refresh_m');
  await migrate(url);
  const pool = createPool(url, 4);
  const variants: Array<[string, Refresh]> = [['new', refreshCameras]];
  if (values.old !== undefined) {
    // The engine moved from api/domain/coverage to coverage-engine/: an older checkout has it there.
    const oldEntry = existsSync(`${values.old}/coverage-engine/index.ts`) ? 'coverage-engine/index.ts' : 'api/domain/coverage/index.ts';
    const old = (await import(`${values.old}/${oldEntry}`)) as {
      refreshCameras: Refresh;
      warmCoverageCache: (p: unknown) => Promise<void>;
    };
    const oldPool = createPool(url, 4);
    await old.warmCoverageCache(oldPool);
    variants.push(['old', (_p, ids) => old.refreshCameras(oldPool, ids)]);
  }
  await warmCoverageCache(pool);
  const ids = (
    await pool.query<{ id: number }>('SELECT id::int AS id FROM cameras ORDER BY md5(id::text) LIMIT $1', [Number(values.moves ?? 30)])
  ).rows.map((r) => r.id);
  const times: Record<string, number[]> = Object.fromEntries(variants.map(([n]) => [n, []]));
  for (const dx of [0.0001, -0.0001]) {
    for (const id of ids) {
      for (const [name, refresh] of variants) {
        await pool.query('UPDATE cameras SET geom = ST_Translate(geom, $2, 0) WHERE id = $1', [id, dx / variants.length]);
        times[name]!.push((await refresh(pool, [id])).ms);
      }
    }
  }
  const out = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [
      k,
      { n: v.length, medianMs: Math.round(median(v) * 10) / 10, worstMs: Math.round(Math.max(...v) * 10) / 10 },
    ]),
  );
  console.log(JSON.stringify(out));
  await pool.end();
  process.exit(0);
}

await main();
