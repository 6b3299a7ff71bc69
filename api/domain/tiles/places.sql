-- Place labels: counties and cities at every zoom, towns from z10, the rest from z12.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom, p.id, p.name, p.name_en, p.kind
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, places p
  WHERE p.geom && b.env_4326
    AND ($1::int >= 12 OR p.kind IN ('city', 'county', 'county_seat')
      OR ($1::int >= 10 AND p.kind IN ('town', 'suburb')))
)
SELECT ST_AsMVT(f.*, 'places', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
