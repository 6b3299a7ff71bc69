-- A date's per-part results read from the daily history instead of evaluated: each part's latest
-- row on or before $2 (the cameras in service that day; a part with none is uncovered then), under
-- run id $1 in coverage_adhoc, as evaluateAdhoc would store them (without the uncovered geometry).
-- With $3 ("now"), the cameras of a row that were not working at the end of that day
-- (xl_cameras_working, replayed from the status events) drop out: a part all of whose cameras
-- worked keeps its row, one none of whose cameras worked is uncovered, and the parts seen by
-- both are returned for evaluation (xl_part_coverage with the working cameras).
WITH h AS (
  SELECT DISTINCT ON (part_id) part_id, covered, camera_ids, assumed
  FROM coverage_history
  WHERE from_day <= $2::date
  ORDER BY part_id, from_day DESC
),
w AS (
  SELECT camera_id FROM xl_cameras_working($2::date) WHERE $3::boolean
),
-- Hashed: the arrays' own <@ and && compare every pair (3.7 s at M with 15,000 working cameras).
hc AS (
  SELECT h.part_id, count(*) AS n, count(w.camera_id) AS working
  FROM h CROSS JOIN LATERAL unnest(h.camera_ids) AS c (id) LEFT JOIN w ON w.camera_id = c.id
  GROUP BY h.part_id
),
judged AS (
  SELECT h.*,
         CASE WHEN NOT $3::boolean OR coalesce(hc.working = hc.n, true) THEN 'kept'
              WHEN hc.working = 0 THEN 'none_working'
              ELSE 'evaluate' END AS fate
  FROM h LEFT JOIN hc ON $3::boolean AND hc.part_id = h.part_id
),
ins AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $1, part_id, CASE WHEN fate = 'kept' THEN covered ELSE 0 END, CASE WHEN fate = 'kept' THEN camera_ids ELSE '{}' END,
         fate = 'kept' AND assumed
  FROM judged WHERE fate <> 'evaluate'
  RETURNING 1
)
SELECT part_id::int AS part_id FROM judged WHERE fate = 'evaluate'
