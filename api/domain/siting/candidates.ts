// Candidate sites: generated from the data (load-candidate-sites.sql) plus the planner's manual
// sites, pins and exclusions (table siting_candidates); and the camera poses tried at each site.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { inTransaction } from '../../../db/transaction';
import { recordAudit, type Who } from '../audit/record-audit';
import { BadRequestError, NotFoundError } from '../../errors';
import type { CameraModel } from './catalog';
import type { SiteInput } from '../../../gis-data/siting/visibility-pairs';
import type { XY } from '../../../gis-data/footprint/types';

const LOAD_SITES = loadSql(import.meta.url, 'load-candidate-sites.sql');
const UPSERT_OVERRIDE = loadSql(import.meta.url, 'upsert-candidate-override.sql');
const INSERT_MANUAL = loadSql(import.meta.url, 'insert-manual-candidate.sql');
const LIST_OVERRIDES = loadSql(import.meta.url, 'list-candidate-overrides.sql');
const DELETE_CANDIDATE = loadSql(import.meta.url, 'delete-candidate.sql');

export interface SiteOptions {
  poleHeightM?: number;
  roadSpacingM?: number;
  wallDistanceM?: number;
  maxWallHeightM?: number;
  areaCode?: string;
}

export interface CandidateSite {
  siteKey: string;
  kind: string;
  xy: XY;
  lon: number;
  lat: number;
  heightM: number;
  pinned: boolean;
}

export async function loadCandidateSites(pool: pg.Pool, o: SiteOptions = {}): Promise<CandidateSite[]> {
  const { rows } = await pool.query<{
    site_key: string;
    kind: string;
    x: number;
    y: number;
    lon: number;
    lat: number;
    height_m: number;
    pinned: boolean;
  }>(LOAD_SITES, [o.poleHeightM ?? 6, o.roadSpacingM ?? 60, o.wallDistanceM ?? 30, o.maxWallHeightM ?? 8, o.areaCode ?? null]);
  return rows.map((r) => ({
    siteKey: r.site_key,
    kind: r.kind,
    xy: [r.x, r.y],
    lon: r.lon,
    lat: r.lat,
    heightM: r.height_m,
    pinned: r.pinned,
  }));
}

export interface Pose {
  model: CameraModel;
  type: 'fixed' | 'dome' | 'ptz' | 'fisheye';
  azimuthDeg?: number;
  hfovDeg: number;
}

/**
 * Poses tried at every site: each enabled model at `headings` compass headings (fixed lenses),
 * a varifocal model also at a 45° zoom, and PTZ / fisheye / 360° models once (full circle).
 */
export function posesFor(models: CameraModel[], headings: number): Pose[] {
  const poses: Pose[] = [];
  for (const model of models.filter((m) => m.enabled)) {
    if (model.type === 'ptz' || model.type === 'fisheye' || model.hfovMaxDeg >= 360) {
      poses.push({ model, type: model.type, hfovDeg: model.hfovMaxDeg });
      continue;
    }
    const zooms = [model.hfovMaxDeg];
    if (model.hfovMinDeg < model.hfovMaxDeg * 0.75) zooms.push(Math.max(model.hfovMinDeg, 45));
    for (const hfovDeg of zooms) {
      for (let h = 0; h < headings; h++) poses.push({ model, type: model.type, azimuthDeg: (360 / headings) * h, hfovDeg });
    }
  }
  return poses;
}

export function siteInputs(sites: CandidateSite[], poses: Pose[]): SiteInput[] {
  const poseInputs = poses.map((p) => ({
    type: p.type,
    hfovDeg: p.hfovDeg,
    resolutionH: p.model.resolutionH,
    resolutionV: p.model.resolutionV,
    ...(p.azimuthDeg === undefined ? {} : { azimuthDeg: p.azimuthDeg }),
  }));
  return sites.map((s) => ({ xy: s.xy, heightM: s.heightM, poses: poseInputs }));
}

export interface CandidateOverride {
  id: number;
  siteKey: string;
  kind: string;
  lon: number | null;
  lat: number | null;
  heightM: number | null;
  pinned: boolean;
  excluded: boolean;
  note: string;
}

type OverrideRow = {
  id: string;
  site_key: string;
  kind: string;
  lon: number | null;
  lat: number | null;
  height_m: number | null;
  pinned: boolean;
  excluded: boolean;
  note: string;
};
const toOverride = (r: OverrideRow): CandidateOverride => ({
  id: Number(r.id),
  siteKey: r.site_key,
  kind: r.kind,
  lon: r.lon ?? null,
  lat: r.lat ?? null,
  heightM: r.height_m ?? null,
  pinned: r.pinned,
  excluded: r.excluded,
  note: r.note,
});

export async function listCandidateOverrides(pool: pg.Pool): Promise<CandidateOverride[]> {
  return (await pool.query<OverrideRow>(LIST_OVERRIDES)).rows.map(toOverride);
}

const KEY = /^(intersection_pole|road_pole|building_wall|existing_pole|manual):[0-9:]+$/;

/** Pins (always use) or excludes (never use) a site by its key (audited with the change). */
export async function setCandidateFlags(
  pool: pg.Pool,
  siteKey: string,
  flags: { pinned: boolean; excluded: boolean; note?: string },
  who: Who,
): Promise<CandidateOverride> {
  if (!KEY.test(siteKey))
    throw new BadRequestError(`"${siteKey}" is not a site key (kind:ref, as returned by a suggestion).`, { field: 'siteKey' });
  if (flags.pinned && flags.excluded) throw new BadRequestError('A site cannot be both pinned and excluded.', { field: 'pinned' });
  return inTransaction(pool, async (db) => {
    const { rows } = await db.query<OverrideRow>(UPSERT_OVERRIDE, [siteKey, flags.pinned, flags.excluded, flags.note ?? '']);
    const site = toOverride({ ...rows[0]!, lon: null, lat: null, height_m: null });
    await recordAudit(db, { ...who, action: 'update', entity: 'siting_candidate', entityId: site.siteKey, after: site });
    return site;
  });
}

export async function addManualSite(
  pool: pg.Pool,
  site: { lon: number; lat: number; heightM: number; pinned?: boolean; note?: string },
  who: Who,
): Promise<CandidateOverride> {
  if (!(site.lon >= -180 && site.lon <= 180)) throw new BadRequestError(`Longitude ${site.lon} is outside −180..180.`, { field: 'lon' });
  if (!(site.lat >= -90 && site.lat <= 90)) throw new BadRequestError(`Latitude ${site.lat} is outside −90..90.`, { field: 'lat' });
  if (!(site.heightM > 0 && site.heightM < 100))
    throw new BadRequestError(`A mount height of ${site.heightM} m is not plausible (0 to 100 m).`, { field: 'heightM' });
  return inTransaction(pool, async (db) => {
    const { rows } = await db.query<OverrideRow>(INSERT_MANUAL, [site.lon, site.lat, site.heightM, site.pinned ?? false, site.note ?? '']);
    const added = toOverride(rows[0]!);
    await recordAudit(db, { ...who, action: 'create', entity: 'siting_candidate', entityId: added.siteKey, after: added });
    return added;
  });
}

export async function removeCandidateOverride(pool: pg.Pool, siteKey: string, who: Who): Promise<void> {
  await inTransaction(pool, async (db) => {
    const { rows } = await db.query(DELETE_CANDIDATE, [siteKey]);
    if (rows.length === 0) throw new NotFoundError(`No manual site, pin or exclusion has the key "${siteKey}".`);
    await recordAudit(db, { ...who, action: 'delete', entity: 'siting_candidate', entityId: siteKey });
  });
}
