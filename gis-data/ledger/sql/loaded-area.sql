-- The loaded area a ledger's cameras must fall in: the dataset bounds, else the admin areas' extent.
SELECT coalesce(
  (SELECT value -> 'bounds' FROM settings WHERE key = 'dataset' AND jsonb_typeof(value -> 'bounds') = 'array'),
  (SELECT jsonb_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) FROM (SELECT ST_Extent(geom) AS e FROM admin_areas) x WHERE e IS NOT NULL)
) AS bounds
