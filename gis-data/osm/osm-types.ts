// The OSM primitives as the readers hand them over: plain objects, tags as a string map.
export type Tags = Record<string, string>;

export interface OsmNode {
  type: 'node';
  id: number;
  lon: number;
  lat: number;
  tags: Tags;
}
export interface OsmWay {
  type: 'way';
  id: number;
  refs: number[];
  tags: Tags;
}
export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}
export interface OsmRelation {
  type: 'relation';
  id: number;
  members: OsmMember[];
  tags: Tags;
}
export type OsmElement = OsmNode | OsmWay | OsmRelation;

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export interface OsmSink {
  /** The file's own box (<bounds> in XML, the header bbox in PBF), when it declares one. */
  bounds(box: BBox): void;
  element(el: OsmElement): void;
}
