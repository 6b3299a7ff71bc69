-- The bounds every vector-tile query needs for tile z/x/y, in one place (the layers' SQL in
-- api/domain/tiles selects from it):
--   mvt_bounds  the tile in web mercator without margin: the bounds ST_AsMVTGeom takes;
--   env_4326    the tile with a margin of 64/4096 (the MVT buffer) in EPSG:4326, for selecting
--               what is stored in degrees;
--   env_metric  the same in xl_metric_srid() (xl_tile_envelope_m), for what is stored in metres;
--   px_deg      one pixel of a 256 px tile in degrees: anything smaller is not drawn;
--   unit_m      one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance.
-- A SQL table function that is neither strict nor volatile: the planner inlines it into each
-- query and computes only the columns that query uses, as when the expressions stood there.
CREATE OR REPLACE FUNCTION xl_tile_bounds(z integer, x integer, y integer)
RETURNS TABLE (mvt_bounds geometry, env_4326 geometry, env_metric geometry, px_deg float8, unit_m float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ST_TileEnvelope(z, x, y),
         ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326),
         xl_tile_envelope_m(z, x, y, 64.0 / 4096),
         360.0 / (256 * 2 ^ z),
         40075016.686 / (4096 * 2 ^ z)
$$;
