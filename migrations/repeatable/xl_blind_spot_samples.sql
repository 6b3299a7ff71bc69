-- Where a blind-spot piece's reason is judged: three points along a gap (a long gap can have
-- several causes), one point inside an area. One definition for the stored pieces
-- (coverage-engine/blind-spot-points.sql) and the computed ones of another date
-- (coverage-engine/pieces-as-of.sql), so both get the same reasons; gis-data/coverage/sample-points.ts
-- is tested equal, and xl_refresh_cameras inlines the same rule.
CREATE OR REPLACE FUNCTION xl_blind_spot_samples(geom_m geometry) RETURNS SETOF geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_LineInterpolatePoint(ST_GeometryN(geom_m, 1), f) FROM unnest(ARRAY[0.15, 0.5, 0.85]) f WHERE ST_Dimension(geom_m) = 1
  UNION ALL
  SELECT ST_PointOnSurface(geom_m) WHERE ST_Dimension(geom_m) = 2
$$;
