-- Place labels: counties and cities at every zoom, towns from z10, the rest from z12.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.env_m, 4096, 64, true) AS geom, p.id, p.name, p.name_en, p.kind
  FROM b, places p
  WHERE p.geom && b.env
    AND ($1::int >= 12 OR p.kind IN ('city', 'county', 'county_seat')
      OR ($1::int >= 10 AND p.kind IN ('town', 'suburb')))
)
SELECT ST_AsMVT(f.*, 'places', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
