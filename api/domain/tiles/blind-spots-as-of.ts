// Blind-spot tiles of another date or detail level, with the reasons the ranked list gives the
// same pieces: the pieces of the whole city are computed and judged once per date
// (coverage-engine/pieces-as-of.ts, kept in the app's PiecesAsOfCache), and each tile clips
// those that touch it (blind-spots-as-of.sql). Today's stored pieces never come here: their tile
// is one query (blind-spots.sql).
import type pg from 'pg';
import { loadCoverageSettings, piecesAsOf, type PiecesAsOfCache } from '../../../coverage-engine';
import { loadSql } from '../../../db/sql';
import type { TileOptions } from './tile-options';

const BOX_SQL = loadSql(import.meta.url, 'tile-box-metric.sql');
const TILE_SQL = loadSql(import.meta.url, 'blind-spots-as-of.sql');

// The database compares bounding boxes rounded outwards to single precision (a fraction of a
// metre at projected coordinates): the pieces sent include those up to this margin outside, and
// the query's own `&&` decides, as when it read the pieces itself.
const BOX_MARGIN_M = 5;

export async function renderBlindSpotsAsOf(
  pool: pg.Pool,
  z: number,
  x: number,
  y: number,
  options: TileOptions,
  cache?: PiecesAsOfCache,
): Promise<Buffer> {
  const s = await loadCoverageSettings(pool);
  const q = {
    now: options.now ?? false,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  const [{ pieces }, box] = await Promise.all([
    piecesAsOf(pool, q, s, cache),
    pool.query<{ x0: number; y0: number; x1: number; y1: number }>(BOX_SQL, [z, x, y]).then((r) => r.rows[0]!),
  ]);
  const near = pieces.filter(
    (p) =>
      p.boxM[0] <= box.x1 + BOX_MARGIN_M &&
      p.boxM[2] >= box.x0 - BOX_MARGIN_M &&
      p.boxM[1] <= box.y1 + BOX_MARGIN_M &&
      p.boxM[3] >= box.y0 - BOX_MARGIN_M,
  );
  if (near.length === 0) return Buffer.alloc(0);
  const { rows } = await pool.query<{ mvt: Buffer | null }>(TILE_SQL, [
    z,
    x,
    y,
    near.map((p) => p.geomM),
    near.map((p) => p.targetId),
    near.map((p) => p.class),
    near.map((p) => p.reason),
    near.map((p) => p.measure),
  ]);
  return rows[0]?.mvt ?? Buffer.alloc(0);
}
