-- Per part: covered amount, cameras that see it, and the uncovered geometry, from the stored
-- footprints (level lvl, else each part's required level; occl: the occlusion-clipped variant) of
-- the cameras in service on as_of, and with only_working of those working at the end of that day
-- (xl_cameras_working, made once per call: a call of xl_camera_working per footprint, which is
-- not inlined, was three quarters of a past date's time). Today's and later dates read
-- camera_status itself, so stored results do not depend on the event history. The part is cut
-- by each touching footprint in turn (xl_minus), cheaper than unioning the footprints first.
-- classes, when given, counts only the cameras of those resource classes (cameras.resource_class:
-- 1 一类 public security, 2 二类, 3 三类; vocabulary/resource-classes.ts; a camera with no recorded
-- class is in no filtered run): public-security cameras alone against the integrated resources.
-- Used by xl_refresh_parts, one-off runs of another date, level or set of classes, the history,
-- xl_blind_spots_tile and xl_blind_spot_pieces_as_of.
CREATE OR REPLACE FUNCTION xl_part_coverage(part_ids bigint[], only_working boolean, as_of date, lvl text, occl boolean,
  classes smallint[] DEFAULT NULL)
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
        AND (classes IS NULL OR c.resource_class = ANY (classes))
        -- Today (the dataset's, read once: a sub-select) reads camera_status inline (a call per footprint would slow the stored "now");
        -- a past date looks the camera up in that day's working set, hashed once per call.
        AND (NOT only_working OR CASE WHEN as_of >= (SELECT xl_today())
                                      THEN EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working)
                                      ELSE f.camera_id IN (SELECT w.camera_id FROM xl_cameras_working(as_of) w) END)
    ) x
  ) u
  WHERE p.id = ANY (part_ids)
$$;
