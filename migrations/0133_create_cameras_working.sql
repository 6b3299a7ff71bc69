-- The cameras working at the end of a local day, as one set: the rule of xl_camera_working
-- (migration 0019) for all cameras at once. Called per camera, that function costs ~0.5 ms
-- each (it is not inlined), which made "coverage now" of a past date spend a second on
-- 2,000 cameras before evaluating anything, and xl_part_coverage of a past date called it for
-- every footprint (three quarters of its time). The daily-history path (coverage-engine/as-of.ts)
-- and xl_part_coverage now make the set once per call. A test holds the two to the same answer.
CREATE OR REPLACE FUNCTION xl_cameras_working(as_of date) RETURNS TABLE (camera_id bigint) LANGUAGE sql STABLE AS $$
  WITH d AS (SELECT as_of >= (now() AT TIME ZONE 'UTC')::date AS today, xl_status_day_end(as_of) AS day_end)
  SELECT s.camera_id FROM camera_status s, d WHERE d.today AND s.working
  UNION ALL
  SELECT c.id
  FROM cameras c, d
  CROSS JOIN LATERAL (
    SELECT e.state FROM camera_status_events e WHERE e.camera_id = c.id AND e.at < d.day_end ORDER BY e.at DESC, e.id DESC LIMIT 1
  ) e
  WHERE NOT d.today AND e.state = 'OK'
$$;

-- As in 0019, with a past date's working cameras looked up in xl_cameras_working (a hashed set
-- made once per call) instead of one xl_camera_working call per footprint. Same answers.
CREATE OR REPLACE FUNCTION xl_part_coverage(part_ids bigint[], only_working boolean, as_of date, lvl text, occl boolean)
RETURNS TABLE (part_id bigint, covered double precision, camera_ids bigint[], assumed boolean, uncovered_m geometry)
LANGUAGE sql STABLE AS $$
  SELECT p.id,
         greatest(0, p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(u.g) ELSE ST_Area(u.g) END),
         coalesce(u.ids, '{}'),
         coalesce(u.assumed, false),
         u.g
  FROM coverage_target_parts p
  CROSS JOIN LATERAL (
    -- o = 0 is the part itself (the aggregate's starting state), o = 1 the footprints that touch it.
    SELECT xl_minus(x.g ORDER BY x.o, x.camera_id) AS g,
           array_agg(x.camera_id ORDER BY x.camera_id) FILTER (WHERE x.o = 1) AS ids,
           bool_or(x.assumed) AS assumed
    FROM (
      SELECT p.geom_m AS g, 0 AS o, NULL::bigint AS camera_id, NULL::boolean AS assumed
      UNION ALL
      SELECT f.geom_m, 1, f.camera_id, f.assumed
      FROM camera_footprints f
      JOIN cameras c ON c.id = f.camera_id
      WHERE f.level = coalesce(lvl, p.required_level) AND f.occluded = occl
        AND f.geom_m && p.geom_m AND ST_Intersects(f.geom_m, p.geom_m)
        AND (c.install_date IS NULL OR c.install_date <= as_of)
        AND (c.removal_date IS NULL OR c.removal_date > as_of)
        -- Today's test is 0015's, inline (a call per footprint would slow the stored "now");
        -- a past date looks the camera up in that day's working set, made once per call.
        AND (NOT only_working OR CASE WHEN as_of >= (now() AT TIME ZONE 'UTC')::date
                                      THEN EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working)
                                      ELSE f.camera_id IN (SELECT w.camera_id FROM xl_cameras_working(as_of) w) END)
    ) x
  ) u
  WHERE p.id = ANY (part_ids)
$$;
