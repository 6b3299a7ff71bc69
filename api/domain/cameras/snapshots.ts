// The camera card's last snapshot, as camera-agent stored it (camera_snapshots, one row per
// camera). Pictures of public places are sensitive: only roles holding the view_snapshots
// permission may see them, and every view of a picture is written to the audit log.
import type pg from 'pg';
import type { Role } from '../users/roles';
import { recordAudit } from '../audit/record-audit';
import { loadSql } from '../../../db/sql';

const META = loadSql(import.meta.url, 'snapshot-meta.sql');
const IMAGE = loadSql(import.meta.url, 'snapshot-image.sql');

/**
 * The `view_snapshots` permission: engineers (who maintain cameras and must check black or
 * frozen pictures) and admins. Viewers (the read-only command-center role) and planners (who
 * site cameras from positions and optics, not pictures) do not hold it.
 */
export const VIEW_SNAPSHOTS: Role[] = ['engineer'];

export interface SnapshotMeta {
  deviceId: string;
  takenAt: string;
  storedAt: string;
  bytes: number;
  width: number;
  height: number;
  /** The agent's verdict on this picture: 'ok', 'black-picture' or 'frozen-picture'. */
  verdict: 'ok' | 'black-picture' | 'frozen-picture';
}

interface Row {
  cameraId: string;
  deviceId: string;
  takenAt: Date;
  storedAt: Date;
  bytes: number;
  width: number;
  height: number;
  pictureReason: string;
  jpeg?: Buffer;
}

const meta = (r: Row): SnapshotMeta => ({
  deviceId: r.deviceId,
  takenAt: r.takenAt.toISOString(),
  storedAt: r.storedAt.toISOString(),
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  verdict: r.pictureReason === 'black-picture' || r.pictureReason === 'frozen-picture' ? r.pictureReason : 'ok',
});

export async function snapshotMeta(db: Pick<pg.Pool, 'query'>, deviceId: string): Promise<SnapshotMeta | undefined> {
  const { rows } = await db.query<Row>(META, [deviceId]);
  return rows[0] === undefined ? undefined : meta(rows[0]);
}

/** The picture for one viewer, audited as a `view` of entity `camera_snapshot` (the camera's device id). */
export async function viewSnapshot(
  pool: pg.Pool,
  deviceId: string,
  viewer: { id: number; username: string; address?: string | null },
): Promise<{ meta: SnapshotMeta; jpeg: Buffer } | undefined> {
  const { rows } = await pool.query<Row>(IMAGE, [deviceId]);
  const r = rows[0];
  if (r === undefined || r.jpeg === undefined) return undefined;
  const m = meta(r);
  await recordAudit(pool, {
    actor: { id: viewer.id, username: viewer.username },
    action: 'view',
    entity: 'camera_snapshot',
    entityId: deviceId,
    after: { takenAt: m.takenAt, bytes: m.bytes },
    address: viewer.address ?? null,
  });
  return { meta: m, jpeg: r.jpeg };
}
