// The camera ledger: list (bbox, limit, cursor), the camera card, and engineer writes (each
// audited and followed by a coverage refresh; credentials encrypted and never returned).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  cameraAvailability,
  cameraInventory,
  createCamera,
  deleteCamera,
  getCamera,
  listCameras,
  type Actor,
} from '../../domain/cameras/cameras';
import { updateCamera } from '../../domain/cameras/cameras';
import { NotFoundError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
import { CameraCardSchema, CameraInputSchema, CameraPatchSchema, CameraSchema, DeviceIdParam } from '../schemas/camera';
import { BboxParam, CONFLICT, CursorParam, LimitParam, NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

// The domain's Camera types state and provenance as plain strings; the database's CHECK
// constraints and the agent keep them in the schema's sets (the integration tests validate
// every response against the document).
type CameraBody = z.output<typeof CameraSchema>;
type CameraPageBody = { cameras: CameraBody[]; nextCursor: string | null };

export function actorOf(c: Context<AppEnv>): Actor {
  const user = c.get('user')!;
  return { id: user.id, username: user.username, address: c.get('clientAddress') };
}

const list = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/cameras',
    tags: ['cameras'],
    summary: 'Cameras, optionally within a bbox, paged by cursor',
    request: { query: z.object({ bbox: BboxParam.optional(), limit: LimitParam, cursor: CursorParam }) },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z.object({ cameras: z.array(CameraSchema), nextCursor: z.string().nullable() }).openapi('CameraPage'),
          },
        },
        description: 'One page',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

const getOne = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/cameras/{deviceId}',
    tags: ['cameras'],
    summary: 'The camera card: ledger fields, optics, status and 30-day availability',
    request: { params: DeviceIdParam },
    responses: {
      200: { content: { 'application/json': { schema: CameraCardSchema } }, description: 'The camera' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const create = secured(
  ['engineer'],
  createRoute({
    method: 'post',
    path: '/cameras',
    tags: ['cameras'],
    summary: 'Add a camera (audited; coverage refreshed)',
    request: { body: { content: { 'application/json': { schema: CameraInputSchema } }, required: true } },
    responses: {
      201: { content: { 'application/json': { schema: CameraSchema } }, description: 'Created' },
      ...STANDARD_ERRORS,
      ...CONFLICT,
    },
  }),
);

const update = secured(
  ['engineer'],
  createRoute({
    method: 'patch',
    path: '/cameras/{deviceId}',
    tags: ['cameras'],
    summary: 'Change some fields of a camera (audited; coverage refreshed)',
    description:
      'A JSON Merge Patch (RFC 7396; application/json or application/merge-patch+json): a field left out keeps its value, a value sets it, null clears it (400 for name, type, lon, lat, heightM, ptzPresets, provenance and source, which cannot be empty); provenance merges key by key. Coverage is refreshed when a field that shapes what the camera sees changed.',
    request: {
      params: DeviceIdParam,
      body: {
        content: { 'application/json': { schema: CameraPatchSchema }, 'application/merge-patch+json': { schema: CameraPatchSchema } },
        required: true,
      },
    },
    responses: {
      200: { content: { 'application/json': { schema: CameraSchema } }, description: 'Updated' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const remove = secured(
  ['engineer'],
  createRoute({
    method: 'delete',
    path: '/cameras/{deviceId}',
    tags: ['cameras'],
    summary: 'Delete a camera (audited; coverage refreshed)',
    request: { params: DeviceIdParam },
    responses: { 204: { description: 'Deleted' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

const camerasRoutes: RouteModule = {
  name: 'cameras',
  register({ api }, deps) {
    api.openapi(list, async (c) => {
      const { bbox, limit, cursor } = c.req.valid('query');
      const page = await listCameras(deps.pool, {
        limit,
        ...(bbox === undefined ? {} : { bbox }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return c.json(page as CameraPageBody, 200);
    });
    api.openapi(getOne, async (c) => {
      const { deviceId } = c.req.valid('param');
      const camera = await getCamera(deps.pool, deviceId);
      if (camera === undefined) throw new NotFoundError(`No camera with device id ${deviceId}.`, { field: 'deviceId' });
      return c.json(
        {
          ...(camera as CameraBody),
          availability: await cameraAvailability(deps.pool, camera.id),
          inventory: await cameraInventory(deps.pool, camera.id),
        },
        200,
      );
    });
    api.openapi(create, async (c) => {
      const { deviceId, onvifPassword, ...fields } = c.req.valid('json');
      return c.json((await createCamera(deps.pool, actorOf(c), deviceId, fields, onvifPassword)) as CameraBody, 201);
    });
    api.openapi(update, async (c) => {
      const { deviceId } = c.req.valid('param');
      const { onvifPassword, ...patch } = c.req.valid('json');
      return c.json((await updateCamera(deps.pool, actorOf(c), deviceId, patch, onvifPassword)) as CameraBody, 200);
    });
    api.openapi(remove, async (c) => {
      await deleteCamera(deps.pool, actorOf(c), c.req.valid('param').deviceId);
      return c.body(null, 204);
    });
  },
};

export default camerasRoutes;
