// The payloads of the Server-Sent Events at GET /api/v1/events. SSE bodies are not JSON responses,
// so OpenAPI cannot tie them to the route; they are published as named components instead
// (registered in openapi-document.ts), and the web's generated types take them from there.
import { z } from '@hono/zod-openapi';
import { Fraction, nullable, Timestamp } from './common';
import { CameraStateSchema, TargetClassSchema } from './vocabulary';

/** Event `status`: the camera_status NOTIFY payload as the agent wrote it. */
export const StatusEventSchema = z
  .object({
    cameraId: z.number().int(),
    deviceId: z.string(),
    state: CameraStateSchema,
    previousState: nullable(CameraStateSchema).openapi({ description: 'null for the first state of a camera' }),
    since: Timestamp('when the agent decided the new state'),
    reason: z.string().openapi({ description: "the agent's reason code" }),
  })
  .openapi('StatusEvent', { description: 'SSE event `status`: a camera changed state' });

/** Event `coverage` as the server sends it after refreshing "coverage now" for status changes. */
export const CoverageEventSchema = z
  .object({
    cause: z.literal('status'),
    cameraIds: z.array(z.number().int()).openapi({ description: 'the cameras whose status change was refreshed' }),
    targets: z.number().int().openapi({ description: 'targets re-evaluated' }),
    ms: z.number().openapi({ description: 'time the refresh took, ms' }),
    nowRates: nullable(z.partialRecord(TargetClassSchema, Fraction("the city's coverage-now 覆盖率"))).openapi({
      description: "the city's coverage-now rates per class after the refresh; null when none could be read",
    }),
  })
  .openapi('CoverageEvent', {
    description: 'SSE event `coverage`: coverage-now figures changed (JSON sent with NOTIFY coverage is relayed as it is, too)',
  });

/** Event `alarm`: the camera_alarm NOTIFY payload (camera-agent/sql/raise-alarms.sql), one per newly raised alarm. */
export const AlarmEventSchema = z
  .object({
    id: z.number().int().openapi({ description: 'the alarm (GET /alarms)' }),
    cameraId: z.number().int(),
    state: CameraStateSchema.openapi({ description: 'the state that raised the alarm' }),
    reason: z.string().openapi({ description: "the agent's reason code (vocabulary/health-reasons.ts)" }),
  })
  .openapi('AlarmEvent', { description: 'SSE event `alarm`: an alarm was raised after the flap window; reload the alarm list' });

/** Events `reset` (reload everything: events were missed) and `ready` (connected; data `{}`). */
export const ResetEventSchema = z
  .object({ reason: z.string() })
  .openapi('ResetEvent', { description: 'SSE event `reset`: events were missed; reload the state' });

export const EVENT_SCHEMAS = {
  StatusEvent: StatusEventSchema,
  AlarmEvent: AlarmEventSchema,
  CoverageEvent: CoverageEventSchema,
  ResetEvent: ResetEventSchema,
};
