// Camera request and response schemas (the OpenAPI components Camera, CameraInput, CameraPatch).
import { z } from '@hono/zod-openapi';
import { CAMERA_TYPES } from '../../domain/cameras/camera-model';
import { IsoDate } from './dates';

const PtzPreset = z.object({
  azimuthDeg: z.number().min(0).lt(360),
  tiltDeg: z.number().min(-90).max(90).optional(),
  hfovDeg: z.number().gt(0).max(360).optional(),
});

const Provenance = z.enum(['surveyed', 'assumed', 'imported']);

/** Each editable field as a value (no defaults): what a create fills in and a patch may name. */
const FIELDS = {
  name: z.string().max(200),
  type: z.enum(CAMERA_TYPES),
  lon: z.number().min(-180).max(180).openapi({ description: 'longitude, WGS-84 degrees' }),
  lat: z.number().min(-90).max(90).openapi({ description: 'latitude, WGS-84 degrees' }),
  heightM: z.number().min(0).lt(500),
  azimuthDeg: z.number().min(0).lt(360).nullable(),
  tiltDeg: z.number().min(-90).max(90).nullable(),
  resolutionH: z.number().int().positive().nullable(),
  resolutionV: z.number().int().positive().nullable(),
  hfovDeg: z.number().gt(0).max(360).nullable(),
  vfovDeg: z.number().gt(0).max(180).nullable(),
  sensorWidthMm: z.number().positive().nullable(),
  focalLengthMm: z.number().positive().nullable(),
  ptzPresets: z.array(PtzPreset).max(256),
  installDate: IsoDate.nullable(),
  removalDate: IsoDate.nullable(),
  ownerUnit: z.string().max(200).nullable(),
  onvifUrl: z.string().max(500).url().nullable(),
  onvifUser: z.string().max(200).nullable(),
  provenance: z.record(z.string(), Provenance),
  source: z.string().max(50),
};

export const CameraFieldsSchema = z.object({
  ...FIELDS,
  name: FIELDS.name.default(''),
  azimuthDeg: FIELDS.azimuthDeg.default(null),
  tiltDeg: FIELDS.tiltDeg.default(null),
  resolutionH: FIELDS.resolutionH.default(null),
  resolutionV: FIELDS.resolutionV.default(null),
  hfovDeg: FIELDS.hfovDeg.default(null),
  vfovDeg: FIELDS.vfovDeg.default(null),
  sensorWidthMm: FIELDS.sensorWidthMm.default(null),
  focalLengthMm: FIELDS.focalLengthMm.default(null),
  ptzPresets: FIELDS.ptzPresets.default([]),
  installDate: FIELDS.installDate.default(null),
  removalDate: FIELDS.removalDate.default(null),
  ownerUnit: FIELDS.ownerUnit.default(null),
  onvifUrl: FIELDS.onvifUrl.default(null),
  onvifUser: FIELDS.onvifUser.default(null),
  provenance: FIELDS.provenance.default({}),
  source: FIELDS.source.default('manual'),
});

export const CameraInputSchema = CameraFieldsSchema.extend({
  deviceId: z
    .string()
    .regex(/^\d{20}$/, 'a GB/T 28181 device id has 20 digits')
    .openapi({ example: '61090200001320000001' }),
  onvifPassword: z.string().max(200).nullable().optional().openapi({ description: 'write-only; stored encrypted, never returned' }),
}).openapi('CameraInput');

/**
 * A JSON Merge Patch (RFC 7396) of a camera: a field left out keeps its value, a value sets it,
 * null clears it (only where the field may be empty; name, type, position, height, presets,
 * provenance and source may not). Provenance is an object, so it merges key by key and a null
 * removes that key. Unknown fields are refused rather than ignored (a typo must not look like
 * success). No defaults here: a default would "set" every absent field.
 */
export const CameraPatchSchema = z
  .object({
    ...FIELDS,
    provenance: z.record(z.string(), Provenance.nullable()).openapi({ description: 'merged key by key; null removes a key' }),
    onvifPassword: z.string().max(200).nullable().openapi({ description: 'write-only; null removes it' }),
  })
  .partial()
  .strict()
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
