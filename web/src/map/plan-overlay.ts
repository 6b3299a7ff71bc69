// The planner's proposed cameras drawn by deck.gl over MapLibre: footprints, heading handles and
// the cameras, pickable so the planner can drag and turn them. Loaded on demand (map-view.tsx
// imports it when a plan is first drawn), so deck.gl is not part of the first view's script.
import type { Layer } from '@deck.gl/core';
import { LineLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { PLAN_CAMERA_RADIUS_PX, PLAN_HANDLE_RADIUS_PX, type PlanDrawing } from '../planning/plan-drawing';
import type { ProposedCamera } from '../planning/proposed-camera';

/** A deck.gl overlay drawing into MapLibre's WebGL context (one canvas, one composite per frame). */
export function createPlanOverlay(): MapboxOverlay {
  return new MapboxOverlay({ interleaved: true, layers: [] });
}

export function planLayers(d: PlanDrawing | null): Layer[] {
  if (d === null) return [];
  return [
    new PolygonLayer<PlanDrawing['polys'][number]>({
      id: 'plan-footprints',
      data: d.polys,
      getPolygon: (p) => p.ring,
      getFillColor: [255, 255, 255, 60],
      getLineColor: [255, 255, 255, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
    }),
    new LineLayer<PlanDrawing['handles'][number]>({
      id: 'plan-handle-lines',
      data: d.handles,
      getSourcePosition: (h) => h.from,
      getTargetPosition: (h) => h.to,
      getColor: [255, 255, 255, 200],
      getWidth: 2,
    }),
    new ScatterplotLayer<PlanDrawing['handles'][number]>({
      id: 'plan-handles',
      data: d.handles,
      getPosition: (h) => h.to,
      getRadius: PLAN_HANDLE_RADIUS_PX,
      radiusUnits: 'pixels',
      getFillColor: [240, 228, 66, 255],
      getLineColor: [0, 0, 0, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    new ScatterplotLayer<ProposedCamera>({
      id: 'plan-cameras',
      data: d.cameras,
      getPosition: (c) => c.lngLat,
      getRadius: PLAN_CAMERA_RADIUS_PX,
      radiusUnits: 'pixels',
      getFillColor: (c) => (c.id === d.selectedId ? [0, 114, 178, 255] : [86, 180, 233, 255]),
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      pickable: true,
      updateTriggers: { getFillColor: d.selectedId },
    }),
  ];
}
