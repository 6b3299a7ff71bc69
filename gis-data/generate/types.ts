// Plain feature records the generator emits (WGS-84 [lon, lat]); the loader turns them into rows.
// They carry no database ids: cross-references use admin codes, so a county can be generated and
// written on its own (streaming) and a second run with the same seed is byte-identical.
import type { LonLat } from './frame';

export type RoadClass = 'trunk' | 'primary' | 'secondary' | 'tertiary' | 'residential' | 'service';
export type TargetClass = 'intersection' | 'road' | 'hotspot' | 'crowded_place';
export type CrowdedKind = 'school' | 'hospital' | 'market' | 'station' | 'square';
export type CameraType = 'fixed' | 'dome' | 'ptz' | 'fisheye' | 'thermal';

/** Road classes drawn as target roads ("trunk and main roads"). */
export const TARGET_ROAD_CLASSES: readonly RoadClass[] = ['trunk', 'primary', 'secondary'];
/** Road classes whose junctions are target intersections ("town road intersections"). */
export const INTERSECTION_ROAD_CLASSES: readonly RoadClass[] = ['trunk', 'primary', 'secondary', 'tertiary'];

export interface GenAdminArea {
  code: string;
  name: string;
  nameEn: string;
  level: 'city' | 'county' | 'town';
  parentCode: string | null;
  /** One outer ring, closed, counter-clockwise. */
  ring: LonLat[];
}

export interface GenRoad {
  name: string | null;
  class: RoadClass;
  line: LonLat[];
}

export interface GenBuilding {
  name: string | null;
  kind: string;
  heightM: number;
  heightAssumed: boolean;
  ring: LonLat[];
}

export interface GenWater {
  name: string;
  kind: 'river';
  ring: LonLat[];
}

export interface GenPlace {
  name: string;
  nameEn: string;
  kind: 'city' | 'county' | 'town' | 'village' | 'neighbourhood';
  point: LonLat;
}

export type GenGeometry =
  { type: 'Point'; coordinates: LonLat } | { type: 'LineString'; coordinates: LonLat[] } | { type: 'Polygon'; coordinates: LonLat[][] };

export interface GenTarget {
  class: TargetClass;
  kind: string | null;
  name: string;
  requiredLevel: string;
  priority: number;
  /** Stable reference inside the generated dataset, e.g. "610921/ix/17". */
  sourceRef: string;
  /** Town code (8 digits) the target belongs to. */
  adminCode: string;
  geometry: GenGeometry;
}

export interface PtzPreset {
  azimuthDeg: number;
  tiltDeg: number;
  hfovDeg: number;
}

export interface GenCamera {
  deviceId: string;
  name: string;
  type: CameraType;
  point: LonLat;
  heightM: number;
  azimuthDeg: number;
  tiltDeg: number;
  resolutionH: number;
  resolutionV: number;
  hfovDeg: number;
  vfovDeg: number;
  sensorWidthMm: number;
  focalLengthMm: number;
  ptzPresets: PtzPreset[];
  /** ISO dates (YYYY-MM-DD). */
  installDate: string;
  removalDate: string | null;
  ownerUnit: string;
  /** 1 一类 (public security), 2 二类 (other departments), 3 三类 (social units): resource-class.ts. */
  resourceClass: 1 | 2 | 3;
  provenance: Record<string, 'surveyed' | 'assumed'>;
  /** Town code (8 digits): the first 8 digits of deviceId. */
  adminCode: string;
  /** What the camera was placed to watch (not stored; tests check the heading against it). */
  watches: { class: TargetClass | 'road-segment'; sourceRef: string; point: LonLat };
}

/** Everything one county contributes; the loader writes one chunk at a time. */
export interface CountyChunk {
  countyCode: string;
  adminAreas: GenAdminArea[];
  roads: GenRoad[];
  buildings: GenBuilding[];
  water: GenWater[];
  places: GenPlace[];
  targets: GenTarget[];
  cameras: GenCamera[];
}
