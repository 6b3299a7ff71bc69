-- "Coverage now" without a geometric evaluation where the answer is known: a part whose cameras
-- all work has its design result; a part none of whose cameras works is wholly uncovered (the
-- same row xl_part_coverage gives with no footprint). Returns the parts that need a real
-- evaluation (seen by working and non-working cameras alike).
WITH src AS (
  SELECT r.* FROM coverage_results r
  WHERE r.mode = 'design' AND ($1::bigint[] IS NULL OR r.part_id = ANY ($1))
),
flag AS (
  SELECT src.part_id, bool_and(coalesce(s.working, false)) AS all_working, bool_or(coalesce(s.working, false)) AS any_working
  FROM src LEFT JOIN LATERAL unnest(src.camera_ids) AS cid ON true
  LEFT JOIN camera_status s ON s.camera_id = cid
  GROUP BY src.part_id
),
ins AS (
  INSERT INTO coverage_results (part_id, mode, covered, camera_ids, assumed, uncovered_m, computed_at)
  SELECT src.part_id, 'now', k.covered, k.camera_ids, k.assumed, k.uncovered_m, now()
  FROM src JOIN flag ON flag.part_id = src.part_id
  JOIN coverage_target_parts p ON p.id = src.part_id
  CROSS JOIN LATERAL (
    SELECT src.covered, src.camera_ids, src.assumed, src.uncovered_m
    WHERE flag.all_working OR cardinality(src.camera_ids) = 0
    UNION ALL
    SELECT greatest(0, p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(p.geom_m) ELSE ST_Area(p.geom_m) END), '{}'::bigint[], false, p.geom_m
    WHERE NOT flag.any_working AND cardinality(src.camera_ids) > 0
  ) k
  ON CONFLICT (part_id, mode) DO UPDATE
  SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed,
      uncovered_m = excluded.uncovered_m, computed_at = excluded.computed_at
)
SELECT flag.part_id::int AS id FROM flag JOIN src ON src.part_id = flag.part_id
WHERE NOT flag.all_working AND flag.any_working AND cardinality(src.camera_ids) > 0
