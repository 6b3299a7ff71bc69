-- Every (part, set of working cameras) that "coverage now" of a day meets and coverage_subset_memo
-- lacks (or holds from inputs since rewritten): for each part's history row with two or more
-- cameras, the days on which some but not all of them were working at the end of the day (xl_cameras_working's rule, from the ranges of days each camera
-- worked). A row's working set on a day is its cameras minus a bit mask summed over the ranges of
-- days they did not work that hold the day (a camera's ranges never overlap, so the sum is the
-- mask). Up to 62 cameras on a part; more are left to the dates.
-- The days each camera did not work: all days but those it worked (camera_working_days). Before
-- the first status record no camera worked, so no part has some cameras working there.
WITH down AS (
  SELECT c.id AS camera_id, unnest('{(,)}'::datemultirange - coalesce(range_agg(w.days), '{}'::datemultirange)) AS days
  FROM cameras c LEFT JOIN camera_working_days w ON w.camera_id = c.id
  GROUP BY c.id
),
-- Each history row with two or more cameras, and its days.
multi AS (
  SELECT part_id, camera_ids, daterange(from_day, lead(from_day) OVER (PARTITION BY part_id ORDER BY from_day)) AS days
  FROM coverage_history
),
meets AS (
  SELECT m.part_id, m.camera_ids, m.days AS row_days, c.i, down.days * m.days AS d
  FROM multi m CROSS JOIN LATERAL unnest(m.camera_ids) WITH ORDINALITY AS c (id, i)
  JOIN down ON down.camera_id = c.id AND down.days && m.days
  WHERE cardinality(m.camera_ids) BETWEEN 2 AND 62
),
steps AS (
  SELECT part_id, camera_ids, row_days, day, sum(bit)::bigint AS bit
  FROM meets CROSS JOIN LATERAL (VALUES (lower(d), 1::bigint << (i - 1)::int), (upper(d), -(1::bigint << (i - 1)::int))) v (day, bit)
  -- A range ending with the row ends nothing inside it.
  WHERE day IS NOT NULL AND (upper(row_days) IS NULL OR day < upper(row_days))
  GROUP BY part_id, camera_ids, row_days, day
),
masks AS (
  SELECT DISTINCT part_id, camera_ids, (sum(bit) OVER (PARTITION BY part_id, row_days ORDER BY day))::bigint AS mask FROM steps
),
pairs AS (
  SELECT DISTINCT m.part_id, ARRAY(
           SELECT c.id FROM unnest(m.camera_ids) WITH ORDINALITY AS c (id, i) WHERE m.mask & (1::bigint << (c.i - 1)::int) = 0 ORDER BY c.id
         ) AS ids
  FROM masks m
  WHERE m.mask <> 0 AND m.mask <> (1::bigint << cardinality(m.camera_ids)) - 1
)
SELECT pairs.part_id::int AS part_id, pairs.ids::text AS ids
FROM pairs
LEFT JOIN coverage_subset_memo k ON k.part_id = pairs.part_id AND k.camera_ids = pairs.ids
WHERE k.part_id IS NULL OR k.stamp <> xl_memo_stamp(pairs.part_id, pairs.ids)
ORDER BY pairs.part_id, pairs.ids
