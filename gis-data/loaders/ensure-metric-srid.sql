-- The zone in force, set from the loaded data when missing (migration 0130).
SELECT xl_ensure_metric_srid() AS srid
