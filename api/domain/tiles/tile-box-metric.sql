-- The tile's selection envelope (with the MVT buffer) in the data's metric coordinates, as a box:
-- blind-spots-as-of.ts picks the cached pieces that may touch the tile before sending them.
SELECT ST_XMin(b.env_metric) AS x0, ST_YMin(b.env_metric) AS y0, ST_XMax(b.env_metric) AS x1, ST_YMax(b.env_metric) AS y1
FROM xl_tile_bounds($1::int, $2::int, $3::int) b
