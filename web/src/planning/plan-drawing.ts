// What the map draws of a plan while planning: the proposed cameras, their display-level
// footprints and their heading handles, in longitude/latitude. Plain data, so the deck.gl code
// that draws it (map/plan-overlay.ts) loads only when a planner opens the planning workspace.
import type { ProposedCamera } from './proposed-camera';

/** Drawn sizes (pixels) of a heading handle and a proposed camera: what a press must hit. */
export const PLAN_HANDLE_RADIUS_PX = 7;
export const PLAN_CAMERA_RADIUS_PX = 10;

export interface PlanDrawing {
  polys: Array<{ id: string; ring: Array<[number, number]> }>;
  handles: Array<{ id: string; from: [number, number]; to: [number, number] }>;
  cameras: ProposedCamera[];
  selectedId: string | null;
}
