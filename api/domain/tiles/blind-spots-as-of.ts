// Blind-spot tiles of another date or detail level, with the reasons the ranked list gives the
// same pieces: the pieces come from SQL (blind-spot-pieces-as-of.sql, the list's cut), their
// reasons are judged in TypeScript (judge-pieces.ts: the optics, occlusion and, for "now", the
// cameras working at the end of that day), and a second query encodes the MVT with them.
// Today's stored pieces never come here: their tile is one query (blind-spots.sql).
import type pg from 'pg';
import { judgePieces, loadCoverageSettings } from '../../../coverage-engine';
import { loadSql } from '../../../db/sql';
import type { TileOptions } from './tile-options';

const PIECES_SQL = loadSql(import.meta.url, 'blind-spot-pieces-as-of.sql');
const ENCODE_SQL = loadSql(import.meta.url, 'blind-spots-encode.sql');

interface PieceRow {
  target_id: string;
  class: string;
  reason: string | null;
  measure: number;
  level: string;
  geom: Buffer;
  samples: Array<[number, number]> | null;
}

export async function renderBlindSpotsAsOf(pool: pg.Pool, z: number, x: number, y: number, options: TileOptions): Promise<Buffer> {
  const s = await loadCoverageSettings(pool);
  const now = options.now ?? false;
  const { rows } = await pool.query<PieceRow>(PIECES_SQL, [
    z,
    x,
    y,
    options.asOf ?? null,
    now,
    options.level ?? null,
    s.coveredShare,
    s.minGapM,
    s.minSliverM2,
  ]);
  if (rows.length === 0) return Buffer.alloc(0);
  const judged = rows.flatMap((r, i) => (r.samples === null ? [] : [i]));
  const reasons = await judgePieces(
    pool,
    judged.map((i) => ({ level: rows[i]!.level, samples: rows[i]!.samples! })),
    { ...(options.asOf === undefined ? {} : { asOf: options.asOf }), now },
  );
  const reason = rows.map((r) => r.reason);
  judged.forEach((i, k) => {
    reason[i] = reasons[k]!;
  });
  const res = await pool.query<{ mvt: Buffer | null }>(ENCODE_SQL, [
    rows.map((r) => r.geom),
    rows.map((r) => r.target_id),
    rows.map((r) => r.class),
    reason,
    rows.map((r) => r.measure),
  ]);
  return res.rows[0]?.mvt ?? Buffer.alloc(0);
}
