// Camera request and response schemas (the OpenAPI components Camera, CameraInput, CameraPatch).
import { z } from '@hono/zod-openapi';
import { CAMERA_TYPES } from '../../domain/cameras/camera-model';
import { Fraction, nullable, Timestamp } from './common';
import { CameraStateSchema } from './vocabulary';

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
  resourceClass: z.number().int().min(1).max(3).nullable().default(null).openapi({
    description:
      'Resource class by owner: 1 一类 (public security), 2 二类 (government and industry), 3 三类 (social units); null: not recorded',
  }),
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

const Provenance = z.enum(['surveyed', 'assumed', 'imported']);

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
