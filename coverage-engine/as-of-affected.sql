-- "Coverage now" of date $3 from the daily series: the targets a camera that was in service but
-- not working at the end of that day (xl_cameras_working) sees, whose figures differ from design.
-- For every part of those targets, run $2 gets its design row of that day (the part's latest
-- history row on or before it) and run $1 the same with the cameras that did not work dropped:
-- a part none of whose cameras worked is uncovered, and the ids of the parts some of whose
-- cameras worked are returned, for evaluation into run $1 (xl_part_coverage with the working
-- cameras), as adhoc-from-history.sql decides for every part. rates-as-of.sql adds run $1 minus
-- run $2 to the day's design figures. A part's latest row lists exactly the cameras in service
-- that day that reach it (a row starts on every install and removal of one), so the rows to look
-- at are found through the down cameras (coverage_history_camera_ids_idx), not by reading the
-- latest row of every part.
WITH down AS (
  SELECT array_agg(c.id) AS ids FROM cameras c
  WHERE (c.install_date IS NULL OR c.install_date <= $3::date) AND (c.removal_date IS NULL OR c.removal_date > $3::date)
    AND c.id NOT IN (SELECT camera_id FROM xl_cameras_working($3::date))
),
hit AS (
  SELECT h.part_id, h.camera_ids <@ down.ids AS none_working
  FROM coverage_history h, down
  WHERE h.camera_ids && down.ids AND h.from_day <= $3::date
    AND NOT EXISTS (SELECT 1 FROM coverage_history n WHERE n.part_id = h.part_id AND n.from_day > h.from_day AND n.from_day <= $3::date)
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
  RETURNING 1
)
SELECT part_id::int AS part_id FROM hit WHERE NOT none_working
