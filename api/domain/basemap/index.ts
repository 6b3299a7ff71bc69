// The basemap service: style JSON for a theme and language, glyph ranges and the sprite.
// No Hono here; api/http/routes/basemap.ts maps these to HTTP.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { buildStyle } from './style';
import type { ThemeName } from './themes';

export { BASEMAP_FONT, glyphRange, glyphRangePbf, parseGlyphRange, GlyphRangeError, type GlyphRange } from './glyphs';
export { glyphRangeAsync, warmGlyphRanges } from './glyph-ranges-async';
export { buildSprite } from './sprite';
export { isThemeName, type ThemeName } from './themes';

const READ_DATASET = loadSql(import.meta.url, 'read-dataset-setting.sql');
const LABEL_CHARACTERS = loadSql(import.meta.url, 'label-characters.sql');
// Label text changes only when a dataset is loaded; a minute of staleness is harmless.
const LABEL_CHARS_TTL_MS = 60_000;
const labelChars = new WeakMap<pg.Pool, { at: number; chars: string }>();

async function labelCharacters(pool: pg.Pool): Promise<string> {
  const hit = labelChars.get(pool);
  if (hit !== undefined && Date.now() - hit.at < LABEL_CHARS_TTL_MS) return hit.chars;
  const { rows } = await pool.query<{ chars: string }>(LABEL_CHARACTERS);
  const chars = rows[0]?.chars ?? '';
  labelChars.set(pool, { at: Date.now(), chars });
  return chars;
}

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

interface DatasetSetting {
  name?: string;
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

export async function basemapStyle(
  pool: pg.Pool,
  opts: { theme: ThemeName; lang: 'zh' | 'en'; origin: string },
): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ value: DatasetSetting }>(READ_DATASET);
  const ds = rows[0]?.value ?? {};
  // OSM's licence asks for the credit wherever its data is shown; the dataset may carry its own.
  const attribution = ds.source === 'osm' ? (ds.attribution ?? OSM_ATTRIBUTION) : (ds.attribution ?? null);
  const bounds = validBounds(ds.bounds);
  const metadata = {
    name: ds.name ?? null,
    source: ds.source ?? null,
    generated: ds.generated === true || ds.source === 'generated',
    center: bounds === null ? null : [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2],
    // CJK labels are drawn by the browser (localIdeographFontFamily); it must have the web-font
    // subsets for these characters loaded before MapLibre rasterises them, or it draws boxes.
    labelCharacters: await labelCharacters(pool),
  };
  return buildStyle({ ...opts, bounds, attribution, metadata });
}
