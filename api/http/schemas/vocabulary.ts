// The closed sets of values many responses share, as named OpenAPI schemas (so the web's generated
// types have one name for each): camera health states, target classes, blind-spot reasons.
// The lists come from the parts that own them; these are only their schema form.
import { z } from '@hono/zod-openapi';
import type { BlindReason } from '../../../coverage-engine/reasons';
import { TARGET_CLASSES } from '../../../coverage-engine';
import { STATUS_STATES } from '../../domain/status/status-repository';
import type { SameSet } from './common';

export const CameraStateSchema = z.enum(STATUS_STATES).openapi('CameraState', {
  description: "The agent's health verdict (UNKNOWN: never polled). Online = not UNREACHABLE or NO_RESPONSE; working = OK.",
});

export const TargetClassSchema = z.enum(TARGET_CLASSES as ['intersection', 'road', 'hotspot', 'crowded_place']).openapi('TargetClass');

// Written out once here because the engine has the type only; the check below fails the build when
// the engine gains or loses a reason and this list does not follow.
const BLIND_REASONS = ['no_camera', 'occluded', 'low_detail', 'near_blind_zone', 'camera_down'] as const;
const reasonsMatch: SameSet<(typeof BLIND_REASONS)[number], BlindReason> = true;
void reasonsMatch;

export const BlindReasonSchema = z.enum(BLIND_REASONS).openapi('BlindSpotReason', {
  description:
    'Why a piece is uncovered: no_camera (no camera in range), occluded (a building hides it), low_detail (too few px/m), ' +
    'near_blind_zone (under a camera, inside its near blind zone), camera_down (only cameras that are down see it).',
});
