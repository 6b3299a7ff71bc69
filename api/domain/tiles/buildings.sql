-- Buildings only from z14 (the route returns an empty tile below); tiny ones only from z15.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(x.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom,
         x.id, x.name, x.kind, x.height_m, x.height_assumed
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, buildings x
  WHERE x.geom && b.env_4326
    AND ($1::int >= 15 OR (ST_XMax(x.geom) - ST_XMin(x.geom)) + (ST_YMax(x.geom) - ST_YMin(x.geom)) > b.px_deg)
)
SELECT ST_AsMVT(f.*, 'buildings', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
