-- "Coverage now" of date $3 from the daily series: the targets a camera that was in service but
-- not working at the end of that day (xl_cameras_working) sees, whose figures differ from design.
-- For every part of those targets, run $2 gets its design row of that day (the part's latest
-- history row on or before it) and run $1 the same with the cameras that did not work dropped:
-- a part none of whose cameras worked is uncovered, and the ids of the parts some of whose
-- cameras worked are returned, for evaluation into run $1 (xl_part_coverage with the working
-- cameras), as adhoc-from-history.sql decides for every part. rates-as-of.sql adds run $1 minus
-- run $2 to the day's design figures.
WITH h AS (
  SELECT DISTINCT ON (part_id) part_id, covered, camera_ids, assumed
  FROM coverage_history
  WHERE from_day <= $3::date
  ORDER BY part_id, from_day DESC
),
w AS (
  SELECT camera_id FROM xl_cameras_working($3::date)
),
-- Hashed: the arrays' own <@ and && compare every pair, seconds with 15,000 working cameras.
hc AS (
  SELECT h.part_id, count(*) AS n, count(w.camera_id) AS working
  FROM h CROSS JOIN LATERAL unnest(h.camera_ids) AS c (id) LEFT JOIN w ON w.camera_id = c.id
  GROUP BY h.part_id
),
down AS (
  SELECT part_id, working = 0 AS none_working FROM hc WHERE working < n
),
parts AS (
  SELECT p.id AS part_id FROM coverage_target_parts p
  WHERE p.target_id IN (SELECT q.target_id FROM coverage_target_parts q JOIN down ON down.part_id = q.id)
),
design AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $2, h.part_id, h.covered, h.camera_ids, h.assumed FROM h JOIN parts ON parts.part_id = h.part_id
  RETURNING 1
),
now AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $1, h.part_id, CASE WHEN down.part_id IS NULL THEN h.covered ELSE 0 END,
         CASE WHEN down.part_id IS NULL THEN h.camera_ids ELSE '{}' END, down.part_id IS NULL AND h.assumed
  FROM h JOIN parts ON parts.part_id = h.part_id LEFT JOIN down ON down.part_id = h.part_id
  WHERE down.part_id IS NULL OR down.none_working
  RETURNING 1
)
SELECT part_id::int AS part_id FROM down WHERE NOT none_working
