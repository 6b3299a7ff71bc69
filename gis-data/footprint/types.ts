// Shapes shared by the footprint operations. Coordinates are planar metres (UTM of the data);
// angles named ...Deg are compass degrees (0 = north, clockwise) unless named ...Rad, which are
// mathematical radians (0 = east, counter-clockwise) used inside the sweep.
export type XY = [number, number];
export type Ring = XY[];
/** Polygon = outer ring then holes; rings closed (first point repeated last). */
export type PolygonXY = Ring[];
export type MultiPolygonXY = PolygonXY[];

export type CameraType = 'fixed' | 'dome' | 'ptz' | 'fisheye' | 'thermal';

export interface PtzPreset {
  azimuthDeg: number;
  tiltDeg?: number;
  hfovDeg?: number;
}

export interface CameraForFootprint {
  id: number;
  type: CameraType;
  xy: XY;
  heightM: number;
  azimuthDeg?: number;
  /** Degrees below the horizontal (positive looks down). */
  tiltDeg?: number;
  hfovDeg: number;
  vfovDeg?: number;
  resolutionH: number;
  resolutionV?: number;
  ptzPresets?: PtzPreset[];
}

export interface Obstacle {
  id: number;
  /** Outer ring of the footprint in planar metres. */
  ring: Ring;
  /** Height above ground; use a default for unknown heights and mark them assumed. */
  heightM: number;
  heightAssumed?: boolean;
}

/** One viewing direction: a band between nearM and farM within ±hfov/2 of the azimuth. */
export interface ViewBand {
  azimuthDeg: number;
  hfovDeg: number;
  nearM: number;
  farM: number;
}
