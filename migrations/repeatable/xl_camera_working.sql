-- Whether camera cam was working at the end of day as_of: the state of its last status event
-- before the end of that local day (xl_status_day_end) is working (xl_state_working, the health
-- vocabulary's, as camera_status.working). A camera with no event by then had never been polled:
-- it counts as not working, as a camera with no camera_status row does today. Today (the dataset's, xl_today), a later
-- date or NULL read camera_status itself.
CREATE OR REPLACE FUNCTION xl_camera_working(cam bigint, as_of date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN as_of IS NULL OR as_of >= xl_today()
    THEN coalesce((SELECT s.working FROM camera_status s WHERE s.camera_id = cam), false)
    ELSE coalesce((SELECT xl_state_working(e.state) FROM camera_status_events e
                   WHERE e.camera_id = cam AND e.at < xl_status_day_end(as_of)
                   ORDER BY e.at DESC, e.id DESC LIMIT 1), false)
  END
$$;
