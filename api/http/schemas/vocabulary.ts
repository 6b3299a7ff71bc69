// The closed sets of values many responses share, as named OpenAPI schemas (so the web's generated
// types have one name for each): camera health states, target classes, blind-spot reasons.
// The lists come from the parts that own them (vocabulary/, gis-data/coverage/, the engine); these
// are only their schema form.
import { z } from '@hono/zod-openapi';
import { TARGET_CLASSES } from '../../../coverage-engine';
import { BLIND_SPOT_REASONS } from '../../../gis-data/coverage/blind-spot-reasons';
import { STATUS_STATES } from '../../../vocabulary/camera-health';

export const CameraStateSchema = z.enum(STATUS_STATES).openapi('CameraState', {
  description:
    "The agent's health verdict (vocabulary/camera-health.ts; UNKNOWN: never polled). " +
    '在线 (online) = OK, DEGRADED, CLOCK_SKEW, AUTH_FAILED; 完好 (working) = OK; UNREACHABLE, NO_RESPONSE, PROTOCOL_ERROR are 离线.',
});

export const TargetClassSchema = z.enum(TARGET_CLASSES as ['intersection', 'road', 'hotspot', 'crowded_place']).openapi('TargetClass');

export const BlindReasonSchema = z.enum(BLIND_SPOT_REASONS).openapi('BlindSpotReason', {
  description:
    'Why a piece is uncovered, most actionable first (when samples disagree the earlier wins): camera_down (only cameras that are down see it), ' +
    'occluded (a building hides it), near_blind_zone (under a camera, inside its near blind zone), low_detail (too few px/m), ' +
    'no_camera (no camera in range).',
});
