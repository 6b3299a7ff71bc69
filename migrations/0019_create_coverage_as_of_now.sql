-- "Coverage now" as of a past date, and the blind-spot pieces of another date or level in one
-- definition for the ranked list and the map tiles.
--
-- Which cameras were working at the end of day D: the last status event of each camera before
-- the end of D (replayed from camera_status_events; "working" = state 'OK', as camera_status
-- defines it). Days are the camera agent's local days (agent_config.dayUtcOffsetMinutes, China
-- +480 by default), the days camera_status_daily rolls up. A camera with no event by then had
-- never been polled: it counts as not working, as a camera with no camera_status row does today.
-- D on or after today (the UTC date, the coverage engine's "today") reads camera_status itself.

-- The instant local day d ends (the next local midnight).
CREATE FUNCTION xl_status_day_end(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT ((d + 1)::timestamp AT TIME ZONE 'UTC')
         - make_interval(secs => 60 * coalesce((SELECT (value ->> 'dayUtcOffsetMinutes')::float8 FROM settings WHERE key = 'agent_config'), 480))
$$;

-- Whether camera cam was working at the end of as_of (today's state for today, a later or no date).
CREATE FUNCTION xl_camera_working(cam bigint, as_of date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN as_of IS NULL OR as_of >= (now() AT TIME ZONE 'UTC')::date
    THEN coalesce((SELECT s.working FROM camera_status s WHERE s.camera_id = cam), false)
    ELSE coalesce((SELECT e.state = 'OK' FROM camera_status_events e
                   WHERE e.camera_id = cam AND e.at < xl_status_day_end(as_of)
                   ORDER BY e.at DESC, e.id DESC LIMIT 1), false)
  END
$$;

-- As in 0015, with only_working judged at as_of (xl_camera_working) instead of always today:
-- every as-of "now" figure (rates, ranked list, tiles) counts the cameras working that day.
-- Today's and later dates read camera_status as before, so stored results do not change.
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
        AND (NOT only_working OR CASE WHEN as_of >= (now() AT TIME ZONE 'UTC')::date
                                      THEN EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working)
                                      ELSE xl_camera_working(f.camera_id, as_of) END)
    ) x
  ) u
  WHERE p.id = ANY (part_ids)
$$;

-- Blind-spot pieces of the given parts' targets at as_of (NULL: today) and level (NULL: each
-- target's required level), cut the way xl_insert_blind_spots cuts the stored ones: per target,
-- an intersection that meets the covered share drops out, road gaps under min_gap_m and polygon
-- slivers under min_sliver_m2 are ignored. Pass every part of a target, or its pieces are cut
-- at the missing parts. reason is 'no_camera' when no camera reaches any part of the target,
-- else NULL (the optics that judge it live in TypeScript: api/domain/coverage/judge-pieces.ts);
-- level is the one the piece is judged at; score ranks like the stored list.
-- Used by the ranked list (list-blind-spots-as-of.sql) and the map tiles
-- (api/domain/tiles/blind-spot-pieces-as-of.sql), so both show the same pieces.
CREATE FUNCTION xl_blind_spot_pieces_as_of(part_ids bigint[], only_working boolean, as_of date, lvl text,
                                           covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS TABLE (target_id bigint, class text, area_id integer, priority real, reason text, measure float8, score float8, level text, geom_m geometry)
LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           coalesce(lvl, min(p.required_level)) AS level,
           sum(p.measure) AS measure, sum(r.covered) AS covered, bool_and(cardinality(r.camera_ids) = 0) AS no_camera,
           ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u
    FROM xl_part_coverage(part_ids, only_working, coalesce(as_of, (now() AT TIME ZONE 'UTC')::date), lvl, true) r
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
