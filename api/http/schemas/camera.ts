// Camera request and response schemas (the OpenAPI components Camera, CameraInput, CameraPatch).
import { z } from '@hono/zod-openapi';
import { CAMERA_TYPES } from '../../domain/cameras/camera-model';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const PtzPreset = z.object({
  azimuthDeg: z.number().min(0).lt(360),
  tiltDeg: z.number().min(-90).max(90).optional(),
  hfovDeg: z.number().gt(0).max(360).optional(),
});

export const CameraFieldsSchema = z.object({
  name: z.string().max(200).default(''),
  type: z.enum(CAMERA_TYPES),
  lon: z.number().min(-180).max(180).openapi({ description: 'longitude, WGS-84 degrees' }),
  lat: z.number().min(-90).max(90).openapi({ description: 'latitude, WGS-84 degrees' }),
  heightM: z.number().min(0).lt(500),
  azimuthDeg: z.number().min(0).lt(360).nullable().default(null),
  tiltDeg: z.number().min(-90).max(90).nullable().default(null),
  resolutionH: z.number().int().positive().nullable().default(null),
  resolutionV: z.number().int().positive().nullable().default(null),
  hfovDeg: z.number().gt(0).max(360).nullable().default(null),
  vfovDeg: z.number().gt(0).max(180).nullable().default(null),
  sensorWidthMm: z.number().positive().nullable().default(null),
  focalLengthMm: z.number().positive().nullable().default(null),
  ptzPresets: z.array(PtzPreset).max(256).default([]),
  installDate: date.nullable().default(null),
  removalDate: date.nullable().default(null),
  ownerUnit: z.string().max(200).nullable().default(null),
  onvifUrl: z.string().max(500).url().nullable().default(null),
  onvifUser: z.string().max(200).nullable().default(null),
  provenance: z.record(z.string(), z.enum(['surveyed', 'assumed', 'imported'])).default({}),
  source: z.string().max(50).default('manual'),
});

export const CameraInputSchema = CameraFieldsSchema.extend({
  deviceId: z
    .string()
    .regex(/^\d{20}$/, 'a GB/T 28181 device id has 20 digits')
    .openapi({ example: '61090200001320000001' }),
  onvifPassword: z.string().max(200).nullable().optional().openapi({ description: 'write-only; stored encrypted, never returned' }),
}).openapi('CameraInput');

export const CameraPatchSchema = CameraFieldsSchema.partial()
  .extend({
    onvifPassword: z.string().max(200).nullable().optional().openapi({ description: 'write-only; null removes it' }),
  })
  .openapi('CameraPatch');

export const CameraSchema = CameraFieldsSchema.extend({
  provenance: z.record(z.string(), z.string()).openapi({ description: 'per field: surveyed | assumed | imported' }),
  id: z.number().int(),
  deviceId: z.string(),
  hasPassword: z.boolean().openapi({ description: 'whether ONVIF credentials are stored (they are never returned)' }),
  adminArea: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  status: z.object({
    state: z.string().openapi({ example: 'OK' }),
    since: z.string().nullable(),
    reason: z.string(),
    lastPollAt: z.string().nullable(),
    online: z.boolean().nullable(),
    working: z.boolean().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('Camera');

export const CameraCardSchema = CameraSchema.extend({
  availability: z.object({
    days: z.number().int(),
    onlineShare: z.number().nullable().openapi({ description: '在线率: time-weighted share online over the window' }),
    workingShare: z.number().nullable().openapi({ description: '完好率 of this camera: share of the window in state OK' }),
  }),
  inventory: z
    .array(
      z.object({
        source: z
          .enum(['onvif', 'gb28181'])
          .openapi({ description: 'which path reported it: ONVIF GetDeviceInformation, or GB/T 28181 DeviceInfo / catalog' }),
        manufacturer: z.string().nullable(),
        model: z.string().nullable(),
        firmware: z.string().nullable(),
        serial: z.string().nullable(),
        seenAt: z.string().nullable(),
      }),
    )
    .openapi({ description: 'device inventory per path (empty until the agent or the SIP server has heard from the device)' }),
}).openapi('CameraCard');

export const DeviceIdParam = z.object({
  deviceId: z
    .string()
    .regex(/^\d{20}$/, 'a GB/T 28181 device id has 20 digits')
    .openapi({ example: '61090200001320000001' }),
});
