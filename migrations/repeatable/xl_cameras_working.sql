-- The cameras working at the end of a local day, as one set: the rule of xl_camera_working for
-- all cameras at once (today, the dataset's xl_today, or later: camera_status). Called per camera, that function costs ~0.5 ms each (it is not inlined), which made "coverage now" of a past date spend a second on
-- 2,000 cameras before evaluating anything, and xl_part_coverage of a past date called it for
-- every footprint (three quarters of its time). The daily-history path (coverage-engine/as-of.ts)
-- and xl_part_coverage now make the set once per call. A past day reads the ranges of days each
-- camera worked (camera_working_days, kept from the status events by triggers): replaying each
-- camera's last event before the day's end took 100-130 ms at M. A test holds this and
-- xl_camera_working to the same answer.
CREATE OR REPLACE FUNCTION xl_cameras_working(as_of date) RETURNS TABLE (camera_id bigint) LANGUAGE sql STABLE AS $$
  WITH d AS (SELECT as_of >= xl_today() AS today)
  SELECT s.camera_id FROM camera_status s, d WHERE d.today AND s.working
  UNION ALL
  SELECT w.camera_id FROM camera_working_days w, d WHERE NOT d.today AND w.days @> as_of
$$;
