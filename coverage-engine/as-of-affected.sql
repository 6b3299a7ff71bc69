-- "Coverage now" of date $3 from the daily series: the targets a camera that was in service but
-- not working at the end of that day (xl_cameras_working) sees, whose figures differ from design.
-- For every part of those targets, run $2 gets its design row of that day (the part's latest
-- history row on or before it) and run $1 the same with the cameras that did not work dropped:
-- a part none of whose cameras worked is uncovered, a part some of whose cameras worked gets the
-- answer coverage_subset_memo keeps for it with exactly those cameras (while the part's row and
-- their footprints are the ones it was computed from), and the parts it has no answer for are
-- returned with their working cameras, for evaluation into run $1 and the memo
-- (store-subsets.sql), as adhoc-from-history.sql decides for every part. rates-as-of.sql adds run $1 minus run $2 to the
-- day's design figures. A part's latest row lists exactly the cameras in service that day that
-- reach it (a row starts on every install and removal of one), so the rows to look at are found
-- through the down cameras, not by reading the latest row of every part.
WITH down_ids AS MATERIALIZED (
  SELECT c.id FROM cameras c
  WHERE (c.install_date IS NULL OR c.install_date <= $3::date) AND (c.removal_date IS NULL OR c.removal_date > $3::date)
    AND c.id NOT IN (SELECT camera_id FROM xl_cameras_working($3::date))
),
-- The rows holding a down camera, each part's latest on or before the day. A scan with a hashed
-- lookup per camera: the GIN index's && with a thousand down cameras took 150 ms at M, this 60.
rows_ AS (
  SELECT h.part_id, ARRAY(SELECT c FROM unnest(h.camera_ids) AS c WHERE c NOT IN (SELECT id FROM down_ids) ORDER BY c) AS working
  FROM (
    SELECT DISTINCT h.part_id, h.from_day, h.camera_ids
    FROM coverage_history h CROSS JOIN LATERAL unnest(h.camera_ids) AS c (id)
    WHERE h.from_day <= $3::date AND c.id IN (SELECT id FROM down_ids)
  ) h
  WHERE NOT EXISTS (SELECT 1 FROM coverage_history n WHERE n.part_id = h.part_id AND n.from_day > h.from_day AND n.from_day <= $3::date)
),
hit AS (
  SELECT part_id, cardinality(working) = 0 AS none_working, working FROM rows_
),
-- Each part's memo row through the key's index (LATERAL ... LIMIT 1: hashing the whole memo cost
-- 60 ms at M), used while its stamp is xl_memo_stamp's, written out here (a call per part, not
-- inlined, cost 60 ms more).
known AS (
  SELECT hit.part_id, m.covered, m.seen_ids, m.assumed
  FROM hit JOIN coverage_target_parts p ON p.id = hit.part_id
  CROSS JOIN LATERAL (
    SELECT m.covered, m.seen_ids, m.assumed, m.stamp FROM coverage_subset_memo m
    WHERE m.part_id = hit.part_id AND m.camera_ids = hit.working LIMIT 1
  ) m
  WHERE NOT hit.none_working AND m.stamp = p.xmin::text || '/' || coalesce((
    SELECT string_agg(f.camera_id::text || ':' || f.xmin::text, ',' ORDER BY f.camera_id)
    FROM camera_footprints f WHERE f.camera_id = ANY (hit.working) AND f.level = p.required_level AND f.occluded
  ), '')
),
parts AS (
  SELECT p.id AS part_id FROM coverage_target_parts p
  WHERE p.target_id IN (SELECT q.target_id FROM coverage_target_parts q JOIN hit ON hit.part_id = q.id)
),
h AS (
  SELECT parts.part_id, x.covered, x.camera_ids, x.assumed
  FROM parts CROSS JOIN LATERAL (
    SELECT covered, camera_ids, assumed FROM coverage_history WHERE part_id = parts.part_id AND from_day <= $3::date
    ORDER BY from_day DESC LIMIT 1
  ) x
),
design AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $2, part_id, covered, camera_ids, assumed FROM h
  RETURNING 1
),
now AS (
  INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed)
  SELECT $1, h.part_id, CASE WHEN hit.part_id IS NULL THEN h.covered ELSE 0 END,
         CASE WHEN hit.part_id IS NULL THEN h.camera_ids ELSE '{}' END, hit.part_id IS NULL AND h.assumed
  FROM h LEFT JOIN hit ON hit.part_id = h.part_id
  WHERE hit.part_id IS NULL OR hit.none_working
  UNION ALL
  SELECT $1, part_id, covered, seen_ids, assumed FROM known
  RETURNING 1
)
SELECT hit.part_id::int AS part_id, hit.working::text AS working
FROM hit WHERE NOT hit.none_working AND hit.part_id NOT IN (SELECT part_id FROM known)
