// The camera card's last snapshot: the JPEG itself (audited per view, never cached) and its facts
// as JSON. Both need the view_snapshots permission (VIEW_SNAPSHOTS roles); 404 when the agent
// has stored no picture for the camera yet.
import { createRoute, z } from '@hono/zod-openapi';
import { snapshotMeta, viewSnapshot, VIEW_SNAPSHOTS } from '../../domain/cameras/snapshots';
import { NotFoundError } from '../../errors';
import type { RouteModule } from '../env';
import { DeviceIdParam } from '../schemas/camera';
import { NOT_FOUND, STANDARD_ERRORS, Timestamp } from '../schemas/common';
import { secured } from '../secured';

const SnapshotMetaSchema = z
  .object({
    deviceId: z.string(),
    takenAt: Timestamp('When the agent fetched the picture (ISO 8601)'),
    storedAt: Timestamp(),
    bytes: z.number().int().openapi({ description: 'JPEG size, bytes' }),
    width: z.number().int().openapi({ description: 'px' }),
    height: z.number().int().openapi({ description: 'px' }),
    verdict: z.enum(['ok', 'black-picture', 'frozen-picture']).openapi({ description: "The agent's picture check on this frame" }),
  })
  .openapi('CameraSnapshotMeta');

const NO_STORE = { 'Cache-Control': 'private, no-store' };

const imageRoute = secured(
  VIEW_SNAPSHOTS,
  createRoute({
    method: 'get',
    path: '/cameras/{deviceId}/snapshot',
    tags: ['cameras'],
    summary: "The camera's last snapshot (image/jpeg; every view, and every refusal, is audited)",
    description:
      'Headers: `X-Snapshot-Taken-At` (ISO time the agent fetched it), `Last-Modified`, `X-Snapshot-Verdict` ' +
      '(ok, black-picture, frozen-picture), `Cache-Control: private, no-store`. Permission `view_snapshots`.',
    request: { params: DeviceIdParam },
    responses: {
      200: { content: { 'image/jpeg': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'The JPEG' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
  // A refused look at a picture of a public place is worth knowing about (issue 15 item 8).
  { auditRefusals: { entity: 'camera_snapshot', param: 'deviceId' } },
);

const metaRoute = secured(
  VIEW_SNAPSHOTS,
  createRoute({
    method: 'get',
    path: '/cameras/{deviceId}/snapshot/meta',
    tags: ['cameras'],
    summary: "When the camera's last snapshot was taken, its size and the picture verdict (no image)",
    description: 'Permission `view_snapshots`.',
    request: { params: DeviceIdParam },
    responses: {
      200: { content: { 'application/json': { schema: SnapshotMetaSchema } }, description: "The snapshot's facts" },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const noSnapshot = (deviceId: string) =>
  new NotFoundError(`No snapshot stored for camera ${deviceId} yet (unknown camera, or the agent has not fetched a picture).`);

const snapshotRoutes: RouteModule = {
  name: 'snapshots',
  register({ api }, deps) {
    api.openapi(metaRoute, async (c) => {
      const { deviceId } = c.req.valid('param');
      const m = await snapshotMeta(deps.pool, deviceId);
      if (m === undefined) throw noSnapshot(deviceId);
      return c.json(m, 200, NO_STORE);
    });

    api.openapi(imageRoute, async (c) => {
      const { deviceId } = c.req.valid('param');
      const user = c.get('user')!;
      const shot = await viewSnapshot(deps.pool, deviceId, { id: user.id, username: user.username, address: c.get('clientAddress') });
      if (shot === undefined) throw noSnapshot(deviceId);
      return c.body(new Uint8Array(shot.jpeg), 200, {
        ...NO_STORE,
        'Content-Type': 'image/jpeg',
        'Content-Length': String(shot.jpeg.length),
        'Last-Modified': new Date(shot.meta.takenAt).toUTCString(),
        'X-Snapshot-Taken-At': shot.meta.takenAt,
        'X-Snapshot-Verdict': shot.meta.verdict,
        'X-Content-Type-Options': 'nosniff',
      });
    });
  },
};

export default snapshotRoutes;
