// Saved plans of proposed cameras: create, update (cameras replaced as a whole, in order), list,
// get, delete. Every write is audited in the same transaction. A plan belongs to whoever saved it
// (createdBy): only they, or an admin, may change or delete it (issue 15 item 10).
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { recordAudit } from '../audit/record-audit';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../errors';
import { inTransaction } from '../../../db/transaction';

const INSERT_PLAN = loadSql(import.meta.url, 'insert-plan.sql');
const UPDATE_PLAN = loadSql(import.meta.url, 'update-plan.sql');
const DELETE_PLAN = loadSql(import.meta.url, 'delete-plan.sql');
const DELETE_CAMERAS = loadSql(import.meta.url, 'delete-plan-cameras.sql');
const INSERT_CAMERAS = loadSql(import.meta.url, 'insert-plan-cameras.sql');
const LIST_PLANS = loadSql(import.meta.url, 'list-plans.sql');
const GET_PLAN = loadSql(import.meta.url, 'get-plan.sql');
const GET_CAMERAS = loadSql(import.meta.url, 'get-plan-cameras.sql');
const LOCK_OWNER = loadSql(import.meta.url, 'lock-plan-owner.sql');

export interface PlanPtzPreset {
  azimuthDeg: number;
  tiltDeg?: number;
  hfovDeg?: number;
}

export interface PlanCameraInput {
  name?: string;
  type: 'fixed' | 'dome' | 'ptz' | 'fisheye';
  lon: number;
  lat: number;
  heightM: number;
  azimuthDeg?: number | null;
  /** Degrees below the horizontal; null: the engine's default (the horizon at the top of the image). */
  tiltDeg?: number | null;
  hfovDeg: number;
  /** null: from the HFOV and the pixel aspect, as the engine does. */
  vfovDeg?: number | null;
  resolutionH: number;
  resolutionV: number;
  /** PTZ headings; none: the PTZ pans all round (the engine's full circle). */
  ptzPresets?: PlanPtzPreset[];
  modelId?: number | null;
  unitCost?: number | null;
  siteKey?: string | null;
  marginalGain?: number | null;
  note?: string;
}

export interface PlanCamera extends Required<Omit<PlanCameraInput, 'name' | 'note'>> {
  id: number;
  position: number;
  name: string;
  note: string;
  modelName: string | null;
  /** Planar metres (xl_metric_srid), for evaluation. */
  x: number;
  y: number;
}

export interface PlanInput {
  name: string;
  description?: string;
  mode?: 'design' | 'now';
  cameras: PlanCameraInput[];
  suggestion?: unknown;
}

export interface PlanSummary {
  id: number;
  name: string;
  description: string;
  mode: 'design' | 'now';
  suggestion: unknown;
  evaluation: unknown;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  cameraCount: number;
  totalCost: number;
}

export interface Plan extends PlanSummary {
  cameras: PlanCamera[];
}

export interface Actor {
  actor: { id: number | null; username: string };
  address?: string | null;
  /** Admins may change any plan; anyone else only their own. */
  role?: string;
}

/** Locks the plan for a change and checks that `who` may make it: its owner, or an admin. */
async function lockOwnPlan(client: pg.PoolClient, id: number, who: Actor): Promise<void> {
  const { rows } = await client.query<{ owner_id: number | null; owner: string | null }>(LOCK_OWNER, [id]);
  const row = rows[0];
  if (row === undefined) throw new NotFoundError(`Plan ${id} does not exist.`);
  if (who.role === 'admin') return;
  if (row.owner_id === null || row.owner_id !== who.actor.id) {
    throw new ForbiddenError(
      `Plan ${id} belongs to ${row.owner ?? 'nobody (saved from the command line)'}: only its owner or an admin may change or delete it.`,
      'not_owner',
    );
  }
}

export const MAX_PLAN_CAMERAS = 5_000;

export function validatePlanInput(p: PlanInput): void {
  const bad = (field: string, message: string, row?: number) =>
    new BadRequestError(message, row === undefined ? { field } : { field, row });
  if (typeof p.name !== 'string' || p.name.trim().length === 0 || p.name.length > 200)
    throw bad('name', 'A plan needs a name of 1 to 200 characters.');
  if (p.mode !== undefined && p.mode !== 'design' && p.mode !== 'now') throw bad('mode', `Mode "${String(p.mode)}" is not design or now.`);
  if (!Array.isArray(p.cameras)) throw bad('cameras', 'cameras must be a list.');
  if (p.cameras.length > MAX_PLAN_CAMERAS)
    throw bad('cameras', `A plan holds at most ${MAX_PLAN_CAMERAS} cameras, got ${p.cameras.length}.`);
  p.cameras.forEach((c, i) => {
    const row = i + 1;
    if (!['fixed', 'dome', 'ptz', 'fisheye'].includes(c.type))
      throw bad('type', `Camera ${row}: type "${c.type}" is not fixed, dome, ptz or fisheye.`, row);
    if (!(c.lon >= -180 && c.lon <= 180) || !(c.lat >= -90 && c.lat <= 90))
      throw bad('lon', `Camera ${row}: position ${c.lon}, ${c.lat} is not a WGS-84 longitude/latitude.`, row);
    if (!(c.heightM > 0 && c.heightM < 100))
      throw bad('heightM', `Camera ${row}: a mount height of ${c.heightM} m is not plausible (0 to 100 m).`, row);
    if (c.azimuthDeg != null && !(c.azimuthDeg >= 0 && c.azimuthDeg < 360))
      throw bad('azimuthDeg', `Camera ${row}: azimuth ${c.azimuthDeg}° is outside 0..360.`, row);
    if (c.tiltDeg != null && !(c.tiltDeg >= -90 && c.tiltDeg <= 90))
      throw bad('tiltDeg', `Camera ${row}: tilt ${c.tiltDeg}° is outside −90..90.`, row);
    if (!(c.hfovDeg > 0 && c.hfovDeg <= 360))
      throw bad('hfovDeg', `Camera ${row}: a field of view of ${c.hfovDeg}° is outside (0, 360].`, row);
    if (c.vfovDeg != null && !(c.vfovDeg > 0 && c.vfovDeg <= 180))
      throw bad('vfovDeg', `Camera ${row}: a vertical field of view of ${c.vfovDeg}° is outside (0, 180].`, row);
    if (c.ptzPresets !== undefined) {
      if (!Array.isArray(c.ptzPresets) || c.ptzPresets.length > 64)
        throw bad('ptzPresets', `Camera ${row}: PTZ presets must be a list of at most 64 headings.`, row);
      for (const p of c.ptzPresets) {
        if (!(p !== null && typeof p === 'object' && p.azimuthDeg >= 0 && p.azimuthDeg < 360))
          throw bad('ptzPresets', `Camera ${row}: a PTZ preset needs an azimuthDeg in 0..360.`, row);
        if (p.tiltDeg !== undefined && !(p.tiltDeg >= -90 && p.tiltDeg <= 90))
          throw bad('ptzPresets', `Camera ${row}: a PTZ preset tilt of ${p.tiltDeg}° is outside −90..90.`, row);
        if (p.hfovDeg !== undefined && !(p.hfovDeg > 0 && p.hfovDeg <= 360))
          throw bad('ptzPresets', `Camera ${row}: a PTZ preset field of view of ${p.hfovDeg}° is outside (0, 360].`, row);
      }
    }
    if (!(Number.isInteger(c.resolutionH) && c.resolutionH > 0 && c.resolutionH <= 20000))
      throw bad('resolutionH', `Camera ${row}: horizontal resolution ${c.resolutionH} is not plausible.`, row);
    if (!(Number.isInteger(c.resolutionV) && c.resolutionV > 0 && c.resolutionV <= 20000))
      throw bad('resolutionV', `Camera ${row}: vertical resolution ${c.resolutionV} is not plausible.`, row);
    if (c.unitCost != null && !(c.unitCost >= 0 && c.unitCost < 10_000_000))
      throw bad('unitCost', `Camera ${row}: a unit cost of ${c.unitCost} is not plausible.`, row);
  });
}

async function writeCameras(client: pg.PoolClient, planId: number, cameras: PlanCameraInput[]): Promise<void> {
  await client.query(DELETE_CAMERAS, [planId]);
  if (cameras.length === 0) return;
  const col = <T>(f: (c: PlanCameraInput) => T) => cameras.map(f);
  await client.query(INSERT_CAMERAS, [
    planId,
    col((c) => c.name ?? ''),
    col((c) => c.type),
    col((c) => c.lon),
    col((c) => c.lat),
    col((c) => c.heightM),
    col((c) => c.azimuthDeg ?? null),
    col((c) => c.tiltDeg ?? null),
    col((c) => c.hfovDeg),
    col((c) => c.vfovDeg ?? null),
    col((c) => c.resolutionH),
    col((c) => c.resolutionV),
    col((c) => JSON.stringify((c.ptzPresets ?? []).map((p) => ({ azimuthDeg: p.azimuthDeg, tiltDeg: p.tiltDeg, hfovDeg: p.hfovDeg })))),
    col((c) => c.modelId ?? null),
    col((c) => c.unitCost ?? null),
    col((c) => c.siteKey ?? null),
    col((c) => c.marginalGain ?? null),
    col((c) => c.note ?? ''),
  ]);
}

export async function createPlan(pool: pg.Pool, input: PlanInput, who: Actor): Promise<Plan> {
  validatePlanInput(input);
  const id = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(INSERT_PLAN, [
      input.name.trim(),
      input.description ?? '',
      input.mode ?? 'design',
      input.suggestion === undefined ? null : JSON.stringify(input.suggestion),
      who.actor.id,
    ]);
    const planId = Number(rows[0]!.id);
    await writeCameras(client, planId, input.cameras);
    await recordAudit(client, {
      ...who,
      action: 'create',
      entity: 'plan',
      entityId: planId,
      after: { name: input.name, cameras: input.cameras.length },
    });
    return planId;
  });
  return getPlan(pool, id);
}

export async function updatePlan(pool: pg.Pool, id: number, input: PlanInput, who: Actor): Promise<Plan> {
  validatePlanInput(input);
  const before = await getPlan(pool, id);
  await inTransaction(pool, async (client) => {
    await lockOwnPlan(client, id, who);
    const { rows } = await client.query(UPDATE_PLAN, [id, input.name.trim(), input.description ?? '', input.mode ?? before.mode]);
    if (rows.length === 0) throw new NotFoundError(`Plan ${id} does not exist.`);
    await writeCameras(client, id, input.cameras);
    await recordAudit(client, {
      ...who,
      action: 'update',
      entity: 'plan',
      entityId: id,
      before: { name: before.name, cameras: before.cameras.length },
      after: { name: input.name, cameras: input.cameras.length },
    });
  });
  return getPlan(pool, id);
}

export async function deletePlan(pool: pg.Pool, id: number, who: Actor): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockOwnPlan(client, id, who);
    const { rows } = await client.query(DELETE_PLAN, [id]);
    if (rows.length === 0) throw new NotFoundError(`Plan ${id} does not exist.`);
    await recordAudit(client, { ...who, action: 'delete', entity: 'plan', entityId: id });
  });
}

type PlanRow = {
  id: string;
  name: string;
  description: string;
  mode: 'design' | 'now';
  suggestion: unknown;
  evaluation: unknown;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  camera_count?: number;
  total_cost?: number;
};
const toSummary = (r: PlanRow, cameraCount: number, totalCost: number): PlanSummary => ({
  id: Number(r.id),
  name: r.name,
  description: r.description,
  mode: r.mode,
  suggestion: r.suggestion,
  evaluation: r.evaluation,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  cameraCount,
  totalCost,
});

export async function listPlans(pool: pg.Pool, limit = 100): Promise<PlanSummary[]> {
  const { rows } = await pool.query<PlanRow>(LIST_PLANS, [Math.min(Math.max(1, limit), 1000)]);
  return rows.map((r) => toSummary(r, r.camera_count ?? 0, r.total_cost ?? 0));
}

export async function getPlan(pool: pg.Pool, id: number): Promise<Plan> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`Plan ${id} does not exist.`);
  const { rows } = await pool.query<PlanRow>(GET_PLAN, [id]);
  if (rows.length === 0) throw new NotFoundError(`Plan ${id} does not exist.`);
  const cams = await pool.query<{
    id: string;
    position: number;
    name: string;
    type: PlanCamera['type'];
    lon: number;
    lat: number;
    x: number;
    y: number;
    height_m: number;
    azimuth_deg: number | null;
    tilt_deg: number | null;
    hfov_deg: number;
    vfov_deg: number | null;
    resolution_h: number;
    resolution_v: number;
    ptz_presets: PlanPtzPreset[];
    model_id: number | null;
    model_name: string | null;
    unit_cost: number | null;
    site_key: string | null;
    marginal_gain: number | null;
    note: string;
  }>(GET_CAMERAS, [id]);
  const cameras: PlanCamera[] = cams.rows.map((c) => ({
    id: Number(c.id),
    position: c.position,
    name: c.name,
    type: c.type,
    lon: c.lon,
    lat: c.lat,
    x: c.x,
    y: c.y,
    heightM: c.height_m,
    azimuthDeg: c.azimuth_deg,
    tiltDeg: c.tilt_deg,
    hfovDeg: c.hfov_deg,
    vfovDeg: c.vfov_deg,
    resolutionH: c.resolution_h,
    resolutionV: c.resolution_v,
    ptzPresets: c.ptz_presets,
    modelId: c.model_id,
    modelName: c.model_name,
    unitCost: c.unit_cost,
    siteKey: c.site_key,
    marginalGain: c.marginal_gain,
    note: c.note,
  }));
  return {
    ...toSummary(
      rows[0]!,
      cameras.length,
      cameras.reduce((s, c) => s + (c.unitCost ?? 0), 0),
    ),
    cameras,
  };
}
