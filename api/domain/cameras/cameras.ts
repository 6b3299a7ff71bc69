// Camera ledger reads and writes. Every write runs in one transaction with its audit entry
// (before and after, without secrets), then asks the coverage engine to refresh the camera.
import type pg from 'pg';
import { encryptSecret } from '../../../db/credentials';
import { parseDeviceId } from '../../../gis-data/device-id';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors';
import { recordAudit, type AuditEntry } from '../audit/record-audit';
import { loadSql } from '../../../db/sql';
import {
  changesCoverage,
  fieldValues,
  mergeCameraPatch,
  rowFields,
  toCamera,
  type Camera,
  type CameraFields,
  type CameraPatch,
  type CameraRow,
} from './camera-model';
import { refreshCoverageForCameras } from './coverage-hook';
import { inTransaction } from '../../../db/transaction';

const LIST = loadSql(import.meta.url, 'list-cameras.sql');
const GET = loadSql(import.meta.url, 'get-camera.sql');
const LOCK = loadSql(import.meta.url, 'lock-camera.sql');
const INSERT = loadSql(import.meta.url, 'insert-camera.sql');
const UPDATE = loadSql(import.meta.url, 'update-camera.sql');
const DELETE = loadSql(import.meta.url, 'delete-camera.sql');
const AVAILABILITY = loadSql(import.meta.url, 'availability.sql');
const INVENTORY = loadSql(import.meta.url, 'inventory.sql');

export type Actor = AuditEntry['actor'] & { address?: string | null };

export interface CameraPage {
  cameras: Camera[];
  nextCursor: string | null;
}

function encodeCursor(id: number): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^c:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (m === null) throw new BadRequestError('cursor is not one this API returned; start again without it.', { field: 'cursor' });
  return Number(m[1]);
}

export async function listCameras(
  pool: pg.Pool,
  options: { bbox?: [number, number, number, number]; limit: number; cursor?: string },
): Promise<CameraPage> {
  const after = decodeCursor(options.cursor);
  const [w, s, e, n] = options.bbox ?? [null, null, null, null];
  const { rows } = await pool.query<CameraRow>(LIST, [w, s, e, n, after, options.limit + 1]);
  const page = rows.slice(0, options.limit).map(toCamera);
  return { cameras: page, nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1]!.id) : null };
}

export interface CameraInventory {
  source: 'onvif' | 'gb28181';
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  seenAt: string | null;
}

/** Manufacturer, model, firmware and serial as each path (ONVIF, GB/T 28181) last reported them. */
export async function cameraInventory(pool: pg.Pool | pg.PoolClient, cameraId: number): Promise<CameraInventory[]> {
  const { rows } = await pool.query<Omit<CameraInventory, 'seenAt'> & { seenAt: Date | null }>(INVENTORY, [cameraId]);
  return rows.map((r) => ({ ...r, seenAt: r.seenAt === null ? null : r.seenAt.toISOString() }));
}

export async function getCamera(pool: pg.Pool | pg.PoolClient, deviceId: string): Promise<Camera | undefined> {
  const { rows } = await pool.query<CameraRow>(GET, [deviceId]);
  return rows[0] === undefined ? undefined : toCamera(rows[0]);
}

export async function cameraAvailability(
  pool: pg.Pool,
  cameraId: number,
  days = 30,
): Promise<{ days: number; onlineShare: number | null; workingShare: number | null }> {
  const { rows } = await pool.query<{ online_share: number | null; working_share: number | null }>(AVAILABILITY, [cameraId, days]);
  return { days, onlineShare: rows[0]?.online_share ?? null, workingShare: rows[0]?.working_share ?? null };
}

function checkFields(f: CameraFields): void {
  if (f.lon < -180 || f.lon > 180) throw new BadRequestError('lon must be within -180..180 degrees.', { field: 'lon' });
  if (f.lat < -90 || f.lat > 90) throw new BadRequestError('lat must be within -90..90 degrees.', { field: 'lat' });
  if (f.installDate !== null && f.removalDate !== null && f.removalDate < f.installDate) {
    throw new BadRequestError('removalDate is before installDate.', { field: 'removalDate' });
  }
}

function passwordParam(password: string | null | undefined): Buffer | null {
  return password === undefined || password === null || password === '' ? null : encryptSecret(password);
}

export async function createCamera(
  pool: pg.Pool,
  actor: Actor,
  deviceId: string,
  fields: CameraFields,
  onvifPassword?: string | null,
): Promise<Camera> {
  const parsed = parseDeviceId(deviceId);
  if (!parsed.ok) throw new BadRequestError(parsed.reason, { field: 'deviceId' });
  checkFields(fields);
  const camera = await inTransaction(pool, async (client) => {
    try {
      await client.query(INSERT, [
        parsed.parts.deviceId,
        ...fieldValues(fields),
        passwordParam(onvifPassword),
        fields.onvifUser,
        JSON.stringify(fields.provenance),
        fields.source,
        fields.resourceClass,
      ]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw new ConflictError(`A camera with device id ${deviceId} already exists.`, { field: 'deviceId' });
      throw err;
    }
    const after = (await getCamera(client, parsed.parts.deviceId))!;
    await recordAudit(client, { actor, action: 'create', entity: 'camera', entityId: deviceId, after, address: actor.address ?? null });
    return after;
  });
  await refreshCoverageForCameras(pool, [camera.id]);
  return camera;
}

/**
 * Applies a JSON Merge Patch (see CameraPatch): only the fields named change. `onvifPassword`
 * undefined keeps the stored one, null clears it. Coverage is refreshed only when a field that
 * shapes what the camera sees changed (not for a rename or new credentials).
 */
export async function updateCamera(
  pool: pg.Pool,
  actor: Actor,
  deviceId: string,
  patch: CameraPatch,
  onvifPassword?: string | null,
): Promise<Camera> {
  const { camera, refresh } = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<CameraRow>(LOCK, [deviceId]);
    if (rows[0] === undefined) throw new NotFoundError(`No camera with device id ${deviceId}.`, { field: 'deviceId' });
    const before = toCamera(rows[0]);
    const current = rowFields(rows[0]);
    const merged = mergeCameraPatch(current, patch);
    checkFields(merged);
    await client.query(UPDATE, [
      deviceId,
      ...fieldValues(merged),
      passwordParam(onvifPassword),
      merged.onvifUser,
      JSON.stringify(merged.provenance),
      merged.source,
      onvifPassword !== undefined,
      merged.resourceClass,
    ]);
    const after = (await getCamera(client, deviceId))!;
    await recordAudit(client, {
      actor,
      action: 'update',
      entity: 'camera',
      entityId: deviceId,
      before,
      after: onvifPassword === undefined ? after : { ...after, credentialsChanged: true },
      address: actor.address ?? null,
    });
    return { camera: after, refresh: changesCoverage(current, merged) };
  });
  if (refresh) await refreshCoverageForCameras(pool, [camera.id]);
  return camera;
}

export async function deleteCamera(pool: pg.Pool, actor: Actor, deviceId: string): Promise<void> {
  const id = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<CameraRow>(LOCK, [deviceId]);
    if (rows[0] === undefined) throw new NotFoundError(`No camera with device id ${deviceId}.`, { field: 'deviceId' });
    await client.query(DELETE, [deviceId]);
    await recordAudit(client, {
      actor,
      action: 'delete',
      entity: 'camera',
      entityId: deviceId,
      before: toCamera(rows[0]),
      address: actor.address ?? null,
    });
    return rows[0].id;
  });
  await refreshCoverageForCameras(pool, [id]);
}
