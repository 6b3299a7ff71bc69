-- The projected CRS for metres and square metres: the UTM zone of the loaded data's centre, which
-- the loader that filled the database records in settings.metric_srid (web mercator until then).
CREATE OR REPLACE FUNCTION xl_metric_srid() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT (value #>> '{}')::integer FROM settings WHERE key = 'metric_srid'), 3857)
$$;
