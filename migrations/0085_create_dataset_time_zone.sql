-- One "today" for the dataset (issue 16): the dataset has one time zone, settings key
-- `time_zone` (an IANA name, default Asia/Shanghai), and every date rule reads its days there
-- (vocabulary/dataset-time.ts is the TypeScript side; tests/integration/coverage/dataset-day.test.ts
-- holds the two to the same day at 23:30 UTC). Before, the coverage engine's SQL took the UTC
-- date ("now() AT TIME ZONE 'UTC'", current_date in the session's zone) and the agent's days
-- UTC+8 (agent_config.dayUtcOffsetMinutes), so from 00:00 to 08:00 in China they named two days.

-- The dataset's time zone (IANA name).
CREATE FUNCTION xl_time_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value #>> '{}' FROM settings WHERE key = 'time_zone'), 'Asia/Shanghai')
$$;

-- The dataset's day of an instant.
CREATE FUNCTION xl_local_day(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE xl_time_zone())::date
$$;

-- Today in the dataset's time zone (the transaction's start, as now()).
CREATE FUNCTION xl_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT xl_local_day(now())
$$;

-- The instant day d ends in the dataset's time zone (its next local midnight); was UTC+8 by
-- agent_config.dayUtcOffsetMinutes.
CREATE OR REPLACE FUNCTION xl_status_day_end(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT ((d + 1)::timestamp AT TIME ZONE xl_time_zone())
$$;

-- As in 0019, with today the dataset's (was the UTC date).
CREATE OR REPLACE FUNCTION xl_camera_working(cam bigint, as_of date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN as_of IS NULL OR as_of >= xl_today()
    THEN coalesce((SELECT s.working FROM camera_status s WHERE s.camera_id = cam), false)
    ELSE coalesce((SELECT e.state = 'OK' FROM camera_status_events e
                   WHERE e.camera_id = cam AND e.at < xl_status_day_end(as_of)
                   ORDER BY e.at DESC, e.id DESC LIMIT 1), false)
  END
$$;

-- As in 0019, with today the dataset's (read once per call: a sub-select, not per footprint).
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
        -- a past date asks xl_camera_working, one index probe per footprint.
        AND (NOT only_working OR CASE WHEN as_of >= (SELECT xl_today())
                                      THEN EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working)
                                      ELSE xl_camera_working(f.camera_id, as_of) END)
    ) x
  ) u
  WHERE p.id = ANY (part_ids)
$$;

-- As in 0019, with today (as_of NULL) the dataset's.
CREATE OR REPLACE FUNCTION xl_blind_spot_pieces_as_of(part_ids bigint[], only_working boolean, as_of date, lvl text,
                                           covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS TABLE (target_id bigint, class text, area_id integer, priority real, reason text, measure float8, score float8, level text, geom_m geometry)
LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           coalesce(lvl, min(p.required_level)) AS level,
           sum(p.measure) AS measure, sum(r.covered) AS covered, bool_and(cardinality(r.camera_ids) = 0) AS no_camera,
           ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u
    FROM xl_part_coverage(part_ids, only_working, coalesce(as_of, xl_today()), lvl, true) r
    JOIN coverage_target_parts p ON p.id = r.part_id
    GROUP BY p.target_id
  )
  SELECT t.target_id, t.class, t.area_id, t.priority, CASE WHEN t.no_camera THEN 'no_camera' END, ms.measure,
         t.priority * CASE WHEN ST_Dimension(d.geom) = 1 THEN ms.measure * 10 ELSE ms.measure END,
         t.level, d.geom
  FROM t
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(t.u, 2)) ELSE ST_CollectionExtract(t.u, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE t.u IS NOT NULL
    AND NOT (t.class = 'intersection' AND t.covered >= covered_share * t.measure)
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END
$$;

-- As in 0065, with today (as_of NULL) the dataset's.
CREATE OR REPLACE FUNCTION xl_blind_spots_tile(env geometry, as_of date, now_mode boolean, lvl text)
RETURNS TABLE (target_id bigint, class text, reason text, measure double precision, geom geometry)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  env_m geometry := xl_envelope_m(env);
BEGIN
  IF env_m IS NULL THEN
    RETURN;
  END IF;
  IF as_of IS NULL AND lvl IS NULL THEN
    RETURN QUERY
      SELECT b.target_id, b.class, b.reason, b.measure, ST_Transform(b.geom_m, 4326)
      FROM coverage_blind_spots b
      WHERE b.mode = CASE WHEN now_mode THEN 'now' ELSE 'design' END AND b.geom_m && env_m;
  ELSE
    RETURN QUERY
      WITH ids AS (
        SELECT array_agg(p.id) AS a FROM coverage_target_parts p
        WHERE p.geom_m && env_m
      )
      SELECT p.target_id, p.class,
             CASE WHEN cardinality(r.camera_ids) = 0 THEN 'no_camera' END,
             CASE WHEN ST_Dimension(r.uncovered_m) = 1 THEN ST_Length(r.uncovered_m) ELSE ST_Area(r.uncovered_m) END,
             ST_Transform(r.uncovered_m, 4326)
      FROM ids, xl_part_coverage(ids.a, now_mode, coalesce(as_of, xl_today()), lvl, true) r
      JOIN coverage_target_parts p ON p.id = r.part_id
      WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)
        AND p.measure > 0 AND (r.covered / p.measure) < 0.999999;
  END IF;
END
$$;

-- A database whose agent counted days at another whole-hour UTC offset keeps its days: the
-- offset becomes the equivalent fixed zone (POSIX-style Etc/GMT names invert the sign).
INSERT INTO settings (key, value)
SELECT 'time_zone', to_jsonb(CASE WHEN o = 0 THEN 'UTC' ELSE 'Etc/GMT' || CASE WHEN o > 0 THEN '-' ELSE '+' END || (abs(o) / 60)::integer::text END)
FROM (SELECT (value ->> 'dayUtcOffsetMinutes')::numeric AS o FROM settings
      WHERE key = 'agent_config' AND jsonb_typeof(value -> 'dayUtcOffsetMinutes') = 'number') a
WHERE o <> 480 AND o % 60 = 0 AND abs(o) <= 14 * 60
ON CONFLICT (key) DO NOTHING;
