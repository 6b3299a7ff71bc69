// The basemap service: style JSON for a theme and language, glyph ranges and the sprite.
// No Hono here; api/http/routes/basemap.ts maps these to HTTP.
import type pg from 'pg';
import { loadSql } from '../sql';
import { buildStyle } from './style';
import type { ThemeName } from './themes';

export { BASEMAP_FONT, glyphRangePbf, parseGlyphRange, GlyphRangeError } from './glyphs';
export { buildSprite } from './sprite';
export { isThemeName, type ThemeName } from './themes';

const READ_DATASET = loadSql(import.meta.url, 'read-dataset-setting.sql');

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

interface DatasetSetting {
  source?: string;
  generated?: boolean;
  bounds?: [number, number, number, number];
  attribution?: string | null;
}

function validBounds(b: unknown): [number, number, number, number] | null {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  const [w, s, e, n] = b as number[];
  return w! < e! && s! < n! ? [w!, s!, e!, n!] : null;
}

export async function basemapStyle(pool: pg.Pool, opts: { theme: ThemeName; lang: 'zh' | 'en'; origin: string }): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ value: DatasetSetting }>(READ_DATASET);
  const ds = rows[0]?.value ?? {};
  // OSM's licence asks for the credit wherever its data is shown; the dataset may carry its own.
  const attribution = ds.source === 'osm' ? (ds.attribution ?? OSM_ATTRIBUTION) : (ds.attribution ?? null);
  return buildStyle({ ...opts, bounds: validBounds(ds.bounds), attribution });
}
