-- The dataset's metric projection, set once from its data (issue 14, "Projection"): without it
-- xl_metric_srid() falls back to EPSG:3857, whose "metres" are 1/cos(latitude) long.
-- Sets metric_srid to the UTM zone of the centre of everything loaded when it is missing, and
-- returns the zone in force (NULL: the dataset is empty, nothing to measure yet). Called by every
-- loader after it writes (gis-data/loaders/metric-srid.ts) and by the coverage engine before it
-- measures; the extent is read only while the setting is missing.
CREATE OR REPLACE FUNCTION xl_ensure_metric_srid() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  box box2d;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM settings WHERE key = 'metric_srid') THEN
    SELECT ST_Extent(x.g) INTO box
    FROM (
      SELECT ST_Extent(geom)::geometry AS g FROM admin_areas
      UNION ALL SELECT ST_Extent(geom)::geometry FROM targets
      UNION ALL SELECT ST_Extent(geom)::geometry FROM cameras
      UNION ALL SELECT ST_Extent(geom)::geometry FROM roads
      UNION ALL SELECT ST_Extent(geom)::geometry FROM buildings
    ) x;
    IF box IS NOT NULL THEN
      INSERT INTO settings (key, value, updated_at)
      VALUES ('metric_srid', to_jsonb(xl_utm_srid((ST_XMin(box) + ST_XMax(box)) / 2, (ST_YMin(box) + ST_YMax(box)) / 2)), now())
      ON CONFLICT (key) DO NOTHING;
    END IF;
  END IF;
  RETURN (SELECT (value #>> '{}')::integer FROM settings WHERE key = 'metric_srid');
END
$$;
