// Camera request and response schemas (the OpenAPI components Camera, CameraInput, CameraPatch).
import { z } from '@hono/zod-openapi';
import { CAMERA_TYPES } from '../../domain/cameras/camera-model';
import { Fraction, nullable, Timestamp } from './common';
import { CameraStateSchema } from './vocabulary';
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
  resourceClass: z.number().int().min(1).max(3).nullable().openapi({
    description:
      'Resource class by owner: 1 一类 (public security), 2 二类 (government and industry), 3 三类 (social units); null: not recorded',
  }),
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
  resourceClass: FIELDS.resourceClass.default(null),
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

/**
 * The ledger fields as a response carries them: every one present (a default fills a missing
 * input, so in a response nothing is optional), nullable where the input is.
 */
const CameraFieldsOut = z.object(
  Object.fromEntries(
    Object.entries(CameraFieldsSchema.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? (v.unwrap() as z.ZodTypeAny) : v]),
  ) as { [K in keyof typeof CameraFieldsSchema.shape]: RemoveDefault<(typeof CameraFieldsSchema.shape)[K]> },
);
type RemoveDefault<T> = T extends z.ZodDefault<infer I> ? I : T;

export const CameraSchema = CameraFieldsOut.extend({
  provenance: z
    .partialRecord(z.string(), Provenance)
    .openapi({ description: 'per surveyed field (heightM, azimuthDeg, …): where its value came from' }),
  id: z.number().int(),
  deviceId: z.string().openapi({ description: 'GB/T 28181 device id, 20 digits' }),
  hasPassword: z.boolean().openapi({ description: 'whether ONVIF credentials are stored (they are never returned)' }),
  adminArea: nullable(z.object({ id: z.number().int(), code: z.string(), name: z.string() }).openapi('CameraAdminArea')).openapi({
    description: 'the town (or other area) the camera stands in; null outside every loaded area',
  }),
  status: z
    .object({
      state: CameraStateSchema,
      since: Timestamp('when the agent decided the state').nullable(),
      reason: z.string().openapi({ description: "the agent's reason code (docs/contracts.md); empty when never polled" }),
      lastPollAt: Timestamp().nullable(),
      online: z.boolean().nullable().openapi({ description: 'null when never polled' }),
      working: z.boolean().nullable().openapi({ description: 'null when never polled' }),
    })
    .openapi('CameraStatus'),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
}).openapi('Camera');

export const CameraCardSchema = CameraSchema.extend({
  availability: z.object({
    days: z.number().int().openapi({ description: 'the window, days back from now' }),
    onlineShare: Fraction('在线率 of this camera: time-weighted share of the window online').nullable(),
    workingShare: Fraction('完好率 of this camera: time-weighted share of the window in state OK').nullable(),
  }),
  inventory: z
    .array(
      z
        .object({
          source: z
            .enum(['onvif', 'gb28181'])
            .openapi({ description: 'which path reported it: ONVIF GetDeviceInformation, or GB/T 28181 DeviceInfo / catalog' }),
          manufacturer: z.string().nullable(),
          model: z.string().nullable(),
          firmware: z.string().nullable(),
          serial: z.string().nullable(),
          seenAt: Timestamp('when that path last reported it').nullable(),
        })
        .openapi('CameraInventory'),
    )
    .openapi({ description: 'device inventory per path (empty until the agent or the SIP server has heard from the device)' }),
}).openapi('CameraCard');

export const DeviceIdParam = z.object({
  deviceId: z
    .string()
    .regex(/^\d{20}$/, 'a GB/T 28181 device id has 20 digits')
    .openapi({ example: '61090200001320000001' }),
});
