-- Evaluates each part of $1 with its own set of cameras $2 (a text array literal per part, the
-- ids ascending) as xl_part_coverage does at the part's required level with occlusion when
-- exactly those cameras stand and work, and keeps each answer in coverage_subset_memo with the
-- stamp of the part and footprints it read (xl_memo_stamp); with a run id $3, also under that run
-- in coverage_adhoc. Rows are written in key order, so two of these side by side never wait on
-- each other in a cycle.
-- The cut restates xl_part_coverage's (the same footprints, order and xl_minus) for a set of
-- cameras per part, which that function, one camera rule for a batch of parts, cannot take: a
-- shared function for the cut made xl_part_coverage read each part's footprints twice (50 %
-- slower at M). rate-series.test.ts holds the two to exactly the same figures.
WITH q AS (
  SELECT DISTINCT q.part_id, q.ids::bigint[] AS ids FROM unnest($1::bigint[], $2::text[]) AS q (part_id, ids)
),
r AS (
  SELECT q.part_id, q.ids,
         greatest(0, p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(u.g) ELSE ST_Area(u.g) END) AS covered,
         coalesce(u.seen, '{}') AS seen, coalesce(u.assumed, false) AS assumed,
         xl_memo_stamp(q.part_id, q.ids) AS stamp
  FROM q JOIN coverage_target_parts p ON p.id = q.part_id
  CROSS JOIN LATERAL (
    -- o = 0 is the part itself, o = 1 the footprints that touch it, in xl_part_coverage's order.
    SELECT xl_minus(x.g ORDER BY x.o, x.camera_id) AS g,
           array_agg(x.camera_id ORDER BY x.camera_id) FILTER (WHERE x.o = 1) AS seen,
           bool_or(x.assumed) AS assumed
    FROM (
      SELECT p.geom_m AS g, 0 AS o, NULL::bigint AS camera_id, NULL::boolean AS assumed
      UNION ALL
      SELECT f.geom_m, 1, f.camera_id, f.assumed
      FROM camera_footprints f
      WHERE f.camera_id = ANY (q.ids) AND f.level = p.required_level AND f.occluded
        AND f.geom_m && p.geom_m AND ST_Intersects(f.geom_m, p.geom_m)
    ) x
  ) u
),
adhoc AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $3::text, part_id, covered, seen, assumed FROM r WHERE $3::text IS NOT NULL
  RETURNING 1
)
INSERT INTO coverage_subset_memo AS m (part_id, camera_ids, stamp, covered, seen_ids, assumed)
SELECT part_id, ids, stamp, covered, seen, assumed FROM r ORDER BY part_id, ids
ON CONFLICT (part_id, camera_ids) DO UPDATE
  SET stamp = excluded.stamp, covered = excluded.covered, seen_ids = excluded.seen_ids, assumed = excluded.assumed
