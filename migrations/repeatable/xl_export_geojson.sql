-- Geometry as exports and lists hand it to other software (issue 14, "Exports are valid"): WGS-84
-- GeoJSON at 7 decimals (~1 cm), valid by GEOS as a reader parses it. Rounding a valid piece to
-- 7 decimals can make it self-intersect (2 of the demo county's 1,020 blind spots), and a few
-- stored "coverage now" pieces are invalid before any rounding; so the piece is made valid
-- (keeping its polygons polygons and dropping collapsed parts), then snapped to the 1e-7° grid
-- by GEOS's precision reducer, whose output is valid on that grid, and printed at exactly that
-- precision. Used by the ranked blind-spot lists (coverage-engine/list-blind-spots*.sql), which
-- the GeoJSON, KML and xlsx exports read.
CREATE OR REPLACE FUNCTION xl_export_geojson(geom_m geometry) RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_AsGeoJSON(ST_ReducePrecision(ST_MakeValid(ST_Transform(geom_m, 4326), 'method=structure keepcollapsed=false'), 1e-7), 7)::json
$$;
