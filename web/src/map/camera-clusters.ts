// Counted camera clusters below CLUSTER_BELOW_ZOOM, from the camera tiles MapLibre has loaded:
// each camera falls in a cell of a grid of CELLS_PER_TILE² cells per tile of the map's zoom, and
// each non-empty cell is one cluster at its members' mean position, ringed in the colour of its
// worst member's state (the live status stream's, where it moved). A few hundred clusters at most,
// so they go to a small GeoJSON source the style's circle and text layers draw.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { GROUP_SEVERITY_ORDER, STATE_COLOURS, cssColour, stateGroup, type StateGroup } from './state-style';

export const CELLS_PER_TILE = 6;

export interface CameraPoint {
  deviceId: string;
  state: string | undefined;
  lngLat: [number, number];
  /** YYYY-MM-DD, when the tile carries it (tiles of every date; from zoom 14). */
  installDate?: string;
  removalDate?: string;
}

/**
 * Whether a camera stands on `day` (YYYY-MM-DD): installed by then (or date unknown) and not yet
 * removed, the rule of the camera tiles' own date filter (api/domain/tiles/cameras.sql).
 */
export function standsOn(c: Pick<CameraPoint, 'installDate' | 'removalDate'>, day: string): boolean {
  return (c.installDate === undefined || c.installDate <= day) && (c.removalDate === undefined || c.removalDate > day);
}

export interface ClusterProps {
  cluster: true;
  count: number;
  worst: StateGroup;
  radius: number;
  stroke: string;
}

const mercX = (lng: number) => (lng + 180) / 360;
const mercY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;

/** Clusters of `cameras` on the grid of `tileZoom` (integer). */
export function clusterCameras(
  cameras: Iterable<CameraPoint>,
  tileZoom: number,
  overrides: ReadonlyMap<string, string>,
): FeatureCollection<Point, ClusterProps> {
  const n = CELLS_PER_TILE * 2 ** tileZoom;
  const cells = new Map<string, { lng: number; lat: number; count: number; worst: number }>();
  for (const c of cameras) {
    const key = `${Math.floor(mercX(c.lngLat[0]) * n)}/${Math.floor(mercY(c.lngLat[1]) * n)}`;
    const rank = GROUP_SEVERITY_ORDER.indexOf(stateGroup(overrides.get(c.deviceId) ?? c.state));
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, { lng: c.lngLat[0], lat: c.lngLat[1], count: 1, worst: rank });
    else {
      cell.lng += c.lngLat[0];
      cell.lat += c.lngLat[1];
      cell.count++;
      cell.worst = Math.min(cell.worst, rank);
    }
  }
  const features: Array<Feature<Point, ClusterProps>> = [];
  for (const cell of cells.values()) {
    const worst = GROUP_SEVERITY_ORDER[cell.worst] ?? 'UNKNOWN';
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cell.lng / cell.count, cell.lat / cell.count] },
      properties: {
        cluster: true,
        count: cell.count,
        worst,
        radius: 8 + Math.min(18, Math.sqrt(cell.count) * 1.6),
        stroke: cssColour(STATE_COLOURS[worst]),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
