// The camera model catalog planners edit: resolution, lens (fixed or zoom range), type, unit cost.
// Every write is audited in the same transaction as the change.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { inTransaction } from '../../../db/transaction';
import { recordAudit, type Who } from '../audit/record-audit';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors';

const LIST = loadSql(import.meta.url, 'list-camera-models.sql');
const INSERT = loadSql(import.meta.url, 'insert-camera-model.sql');
const UPDATE = loadSql(import.meta.url, 'update-camera-model.sql');
const DELETE = loadSql(import.meta.url, 'delete-camera-model.sql');

export interface CameraModel {
  id: number;
  name: string;
  type: 'fixed' | 'dome' | 'ptz' | 'fisheye';
  resolutionH: number;
  resolutionV: number;
  hfovMaxDeg: number;
  hfovMinDeg: number;
  unitCost: number;
  currency: string;
  enabled: boolean;
  notes: string;
}

export type CameraModelInput = Omit<CameraModel, 'id' | 'currency' | 'enabled' | 'notes'> &
  Partial<Pick<CameraModel, 'currency' | 'enabled' | 'notes'>>;

interface Row {
  id: number;
  name: string;
  type: CameraModel['type'];
  resolution_h: number;
  resolution_v: number;
  hfov_max_deg: number;
  hfov_min_deg: number;
  unit_cost: number;
  currency: string;
  enabled: boolean;
  notes: string;
}

const toModel = (r: Row): CameraModel => ({
  id: r.id,
  name: r.name,
  type: r.type,
  resolutionH: r.resolution_h,
  resolutionV: r.resolution_v,
  hfovMaxDeg: r.hfov_max_deg,
  hfovMinDeg: r.hfov_min_deg,
  unitCost: r.unit_cost,
  currency: r.currency,
  enabled: r.enabled,
  notes: r.notes,
});

export async function listCameraModels(pool: pg.Pool): Promise<CameraModel[]> {
  return (await pool.query<Row>(LIST)).rows.map(toModel);
}

/** Checks a model's numbers, naming the field at fault (absurd costs included). */
export function validateCameraModel(m: CameraModelInput): void {
  const bad = (field: string, message: string) => new BadRequestError(message, { field });
  if (typeof m.name !== 'string' || m.name.trim().length === 0 || m.name.length > 120)
    throw bad('name', 'A camera model needs a name of 1 to 120 characters.');
  if (!['fixed', 'dome', 'ptz', 'fisheye'].includes(m.type)) throw bad('type', `Type "${m.type}" is not one of fixed, dome, ptz, fisheye.`);
  if (!Number.isInteger(m.resolutionH) || m.resolutionH < 160 || m.resolutionH > 20000)
    throw bad('resolutionH', `Horizontal resolution ${m.resolutionH} px is not plausible (160 to 20,000).`);
  if (!Number.isInteger(m.resolutionV) || m.resolutionV < 120 || m.resolutionV > 20000)
    throw bad('resolutionV', `Vertical resolution ${m.resolutionV} px is not plausible (120 to 20,000).`);
  if (!(m.hfovMaxDeg > 0 && m.hfovMaxDeg <= 360))
    throw bad('hfovMaxDeg', `The widest field of view must be in (0, 360]°, got ${m.hfovMaxDeg}.`);
  if (!(m.hfovMinDeg > 0 && m.hfovMinDeg <= m.hfovMaxDeg))
    throw bad('hfovMinDeg', `The narrowest field of view must be in (0, ${m.hfovMaxDeg}]°, got ${m.hfovMinDeg}.`);
  if (!(Number.isFinite(m.unitCost) && m.unitCost > 0 && m.unitCost < 10_000_000))
    throw bad(
      'unitCost',
      `A unit cost of ${m.unitCost} is not plausible: give the installed price of one camera (more than 0, less than 10,000,000).`,
    );
}

export async function createCameraModel(pool: pg.Pool, m: CameraModelInput, who: Who): Promise<CameraModel> {
  validateCameraModel(m);
  try {
    return await inTransaction(pool, async (db) => {
      const { rows } = await db.query<Row>(INSERT, [
        m.name.trim(),
        m.type,
        m.resolutionH,
        m.resolutionV,
        m.hfovMaxDeg,
        m.hfovMinDeg,
        m.unitCost,
        m.currency ?? 'CNY',
        m.enabled ?? true,
        m.notes ?? '',
      ]);
      const model = toModel(rows[0]!);
      await recordAudit(db, { ...who, action: 'create', entity: 'camera_model', entityId: model.id, after: model });
      return model;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new ConflictError(`A camera model named "${m.name}" exists already.`, { field: 'name' });
    throw err;
  }
}

export async function updateCameraModel(pool: pg.Pool, id: number, m: CameraModelInput, who: Who): Promise<CameraModel> {
  validateCameraModel(m);
  return inTransaction(pool, async (db) => {
    const { rows } = await db.query<Row>(UPDATE, [
      id,
      m.name.trim(),
      m.type,
      m.resolutionH,
      m.resolutionV,
      m.hfovMaxDeg,
      m.hfovMinDeg,
      m.unitCost,
      m.currency ?? 'CNY',
      m.enabled ?? true,
      m.notes ?? '',
    ]);
    if (rows.length === 0) throw new NotFoundError(`Camera model ${id} does not exist.`);
    const model = toModel(rows[0]!);
    await recordAudit(db, { ...who, action: 'update', entity: 'camera_model', entityId: model.id, after: model });
    return model;
  });
}

export async function deleteCameraModel(pool: pg.Pool, id: number, who: Who): Promise<void> {
  await inTransaction(pool, async (db) => {
    const { rows } = await db.query(DELETE, [id]);
    if (rows.length === 0) throw new NotFoundError(`Camera model ${id} does not exist.`);
    await recordAudit(db, { ...who, action: 'delete', entity: 'camera_model', entityId: id });
  });
}
