-- The cameras working at the end of a local day, as one set: the rule of xl_camera_working for
-- all cameras at once (today, the dataset's xl_today, or later: camera_status). Called per camera, that function costs ~0.5 ms each (it is not inlined), which made "coverage now" of a past date spend a second on
-- 2,000 cameras before evaluating anything, and xl_part_coverage of a past date called it for
-- every footprint (three quarters of its time). The daily-history path (coverage-engine/as-of.ts)
-- and xl_part_coverage now make the set once per call. A test holds the two to the same answer.
CREATE OR REPLACE FUNCTION xl_cameras_working(as_of date) RETURNS TABLE (camera_id bigint) LANGUAGE sql STABLE AS $$
  WITH d AS (SELECT as_of >= xl_today() AS today, xl_status_day_end(as_of) AS day_end)
  SELECT s.camera_id FROM camera_status s, d WHERE d.today AND s.working
  UNION ALL
  SELECT c.id
  FROM cameras c, d
  CROSS JOIN LATERAL (
    SELECT e.state FROM camera_status_events e WHERE e.camera_id = c.id AND e.at < d.day_end ORDER BY e.at DESC, e.id DESC LIMIT 1
  ) e
  WHERE NOT d.today AND xl_state_working(e.state)
$$;
