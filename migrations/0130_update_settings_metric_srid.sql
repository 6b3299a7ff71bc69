-- The dataset's metric projection, set once from its data (issue 14, "Projection").
-- Only the OSM import and the demo generator used to set settings.metric_srid; a dataset loaded
-- through `import cameras|targets|areas` alone kept the EPSG:3857 fallback of xl_metric_srid(),
-- whose "metres" are 1/cos(latitude) long: at 40° N every length 1.31× and every area 1.71× too
-- large, and camera ranges laid out short, so the rates fell. Loaders and the coverage engine
-- now set it (xl_ensure_metric_srid, repeatable).
-- requires: xl_ensure_metric_srid

-- A dataset loaded that way before this migration: give it its zone, and drop the coverage it
-- stored, measured in the wrong metres (the next `xueliang coverage` or `recompute` rebuilds it).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM settings WHERE key = 'metric_srid') AND xl_ensure_metric_srid() IS NOT NULL THEN
    TRUNCATE coverage_history, coverage_adhoc, coverage_results, coverage_blind_spots, coverage_target_parts, camera_footprints;
  END IF;
END
$$;
