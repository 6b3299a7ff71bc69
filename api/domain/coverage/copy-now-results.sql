-- "Coverage now" equals design coverage for every part whose cameras all work: copy those rows
-- and return the parts that need a real evaluation (some camera that sees them is not working).
WITH src AS (
  SELECT r.* FROM coverage_results r
  WHERE r.mode = 'design' AND ($1::bigint[] IS NULL OR r.part_id = ANY ($1))
),
flag AS (
  SELECT src.part_id, bool_and(coalesce(s.working, false)) AS all_working
  FROM src LEFT JOIN LATERAL unnest(src.camera_ids) AS cid ON true
  LEFT JOIN camera_status s ON s.camera_id = cid
  GROUP BY src.part_id
),
ins AS (
  INSERT INTO coverage_results (part_id, mode, covered, camera_ids, assumed, uncovered_m, computed_at)
  SELECT src.part_id, 'now', src.covered, src.camera_ids, src.assumed, src.uncovered_m, now()
  FROM src JOIN flag ON flag.part_id = src.part_id
  WHERE flag.all_working OR cardinality(src.camera_ids) = 0
  ON CONFLICT (part_id, mode) DO UPDATE
  SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed,
      uncovered_m = excluded.uncovered_m, computed_at = excluded.computed_at
)
SELECT flag.part_id::int AS id FROM flag JOIN src ON src.part_id = flag.part_id
WHERE NOT flag.all_working AND cardinality(src.camera_ids) > 0
