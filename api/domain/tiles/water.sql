-- Water: features smaller than two pixels are dropped and outlines simplified below z13.
WITH f AS (
  SELECT ST_AsMVTGeom(
           CASE WHEN $1::int < 13 THEN ST_SimplifyPreserveTopology(ST_Transform(x.geom, 3857), b.unit_m) ELSE ST_Transform(x.geom, 3857) END,
           b.mvt_bounds, 4096, 64, true) AS geom,
         x.id, x.name, x.kind
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, water x
  WHERE x.geom && b.env_4326
    AND ($1::int >= 13 OR (ST_XMax(x.geom) - ST_XMin(x.geom)) + (ST_YMax(x.geom) - ST_YMin(x.geom)) > 2 * b.px_deg)
)
SELECT ST_AsMVT(f.*, 'water', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
