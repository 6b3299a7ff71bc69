-- The zone in force, set from the loaded data when missing (xl_ensure_metric_srid).
SELECT xl_ensure_metric_srid() AS srid
