// What the map draws of a plan while planning: the proposed cameras, their display-level
// footprints and their heading handles, in longitude/latitude. Plain data, so the deck.gl code
// that draws it (map/plan-overlay.ts) loads only when a planner opens the planning workspace.
import type { ProposedCamera } from './proposed-camera';

export interface PlanDrawing {
  polys: Array<{ id: string; ring: Array<[number, number]> }>;
  handles: Array<{ id: string; from: [number, number]; to: [number, number] }>;
  cameras: ProposedCamera[];
  selectedId: string | null;
}
