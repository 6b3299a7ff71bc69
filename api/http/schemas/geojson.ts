// GeoJSON (RFC 7946) geometry, feature and feature collection schemas, so that responses that
// carry geometry describe it instead of `any`. Coordinates are [lon, lat] in WGS-84 degrees.
import { z } from '@hono/zod-openapi';

const Position = z
  .array(z.number())
  .min(2)
  .max(3)
  .openapi('GeoJsonPosition', { description: '[lon, lat] (optionally height in m), WGS-84 degrees' });

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position }).openapi('GeoJsonPoint');
const MultiPoint = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }).openapi('GeoJsonMultiPoint');
const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }).openapi('GeoJsonLineString');
const MultiLineString = z
  .object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)) })
  .openapi('GeoJsonMultiLineString');
const Ring = z.array(Position).min(4).openapi({ description: 'closed linear ring: first and last positions equal' });
const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }).openapi('GeoJsonPolygon');
const MultiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }).openapi('GeoJsonMultiPolygon');

const SIMPLE = [PointGeometry, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon] as const;

// One level of nesting only: PostGIS's ST_AsGeoJSON of a collection of simple geometries.
const GeometryCollection = z
  .object({ type: z.literal('GeometryCollection'), geometries: z.array(z.union(SIMPLE)) })
  .openapi('GeoJsonGeometryCollection');

export const Geometry = z.union([...SIMPLE, GeometryCollection]).openapi('GeoJsonGeometry');

/** A Feature whose properties have the given shape. */
export const Feature = <P extends z.ZodTypeAny, G extends z.ZodTypeAny>(properties: P, geometry: G) =>
  z.object({ type: z.literal('Feature'), geometry, properties });

export const FeatureCollection = <F extends z.ZodTypeAny>(feature: F) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });
