-- Admin areas: city and county outlines at every zoom, towns from z9; simplified below z13.
WITH f AS (
  SELECT ST_AsMVTGeom(
           CASE WHEN $1::int < 13 THEN ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857), b.unit_m) ELSE ST_Transform(a.geom, 3857) END,
           b.mvt_bounds, 4096, 64, true) AS geom,
         a.id, a.code, a.name, a.name_en, a.level
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, admin_areas a
  WHERE a.geom && b.env_4326 AND ($1::int >= 9 OR a.level <> 'town')
)
SELECT ST_AsMVT(f.*, 'boundaries', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
