-- Trigger function: keeps camera_working_days (migration 0171) equal to xl_camera_working_ranges
-- for the cameras whose status events a statement wrote (transition tables new_rows / old_rows),
-- or for all of them when the dataset's time zone changed (its local days moved) or the events
-- were truncated. Each camera is locked (an advisory lock, in id order) before its events are
-- read again, so two writers of one camera's events take turns and the second reads the first's.
CREATE OR REPLACE FUNCTION xl_camera_working_days_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  -- (The settings triggers fire only for the time zone's row.)
  IF TG_TABLE_NAME = 'settings' OR TG_OP = 'TRUNCATE' THEN
    PERFORM pg_advisory_xact_lock(7242171);
    DELETE FROM camera_working_days;
    INSERT INTO camera_working_days (camera_id, days) SELECT r.camera_id, r.days FROM xl_camera_working_ranges(NULL) r;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT camera_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT camera_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT camera_id) INTO ids FROM (SELECT camera_id FROM old_rows UNION SELECT camera_id FROM new_rows) u;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(7242171);
  PERFORM pg_advisory_xact_lock(7242172, c::int) FROM unnest(ids) AS c ORDER BY c;
  DELETE FROM camera_working_days w WHERE w.camera_id = ANY (ids);
  INSERT INTO camera_working_days (camera_id, days) SELECT r.camera_id, r.days FROM xl_camera_working_ranges(ids) r;
  RETURN NULL;
END
$$;
