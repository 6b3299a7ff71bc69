-- Every (part, set of working cameras) that "coverage now" of a day from the first status record
-- on meets and coverage_subset_memo lacks (or holds for footprints since rewritten): for each
-- part's history row with two or more cameras, the days on which some but not all of them were
-- working at the end of the day (xl_cameras_working's rule: a camera works when its last status
-- event before the day ends says so; before its first event it does not). The down days of each
-- camera are ranges between the day-end state's changes; a row's working set on a day is its
-- cameras minus a bit mask summed over the down ranges that hold the day (a camera's ranges never
-- overlap, so the sum is the mask). Up to 62 cameras on a part; more are left to the dates.
WITH eod AS (
  SELECT DISTINCT ON (camera_id, day) camera_id, day, xl_state_working(state) AS w
  FROM (SELECT camera_id, xl_local_day(at) AS day, state, at, id FROM camera_status_events) e
  ORDER BY camera_id, day, at DESC, id DESC
),
changes AS (
  SELECT camera_id, day, w, lag(w) OVER (PARTITION BY camera_id ORDER BY day) AS before FROM eod
),
turns AS (
  SELECT camera_id, day, w, lead(day) OVER (PARTITION BY camera_id ORDER BY day) AS until FROM changes WHERE before IS DISTINCT FROM w
),
from_day AS (
  SELECT to_date(status_from, 'YYYY-MM-DD') AS d FROM (
    SELECT to_char(xl_local_day(least((SELECT min(at) FROM camera_status_events), (SELECT min(since) FROM camera_status))), 'YYYY-MM-DD') AS status_from
  ) s
),
down AS (
  SELECT camera_id, daterange(day, until) AS days FROM turns WHERE NOT w
  UNION ALL
  SELECT camera_id, daterange(NULL, min(day)) FROM eod GROUP BY camera_id
  UNION ALL
  SELECT c.id, daterange(NULL, NULL) FROM cameras c WHERE NOT EXISTS (SELECT 1 FROM eod WHERE eod.camera_id = c.id)
),
rows_ AS (
  SELECT part_id, camera_ids, daterange(greatest(from_day, (SELECT d FROM from_day)), lead(from_day) OVER (PARTITION BY part_id ORDER BY from_day)) AS days
  FROM coverage_history
),
multi AS (
  SELECT * FROM rows_ WHERE cardinality(camera_ids) BETWEEN 2 AND 62 AND NOT isempty(days)
),
meets AS (
  SELECT m.part_id, m.camera_ids, m.days AS row_days, c.i, down.days * m.days AS d
  FROM multi m CROSS JOIN LATERAL unnest(m.camera_ids) WITH ORDINALITY AS c (id, i)
  JOIN down ON down.camera_id = c.id AND down.days && m.days
),
steps AS (
  SELECT part_id, camera_ids, row_days, day, sum(bit)::bigint AS bit
  FROM meets CROSS JOIN LATERAL (VALUES (lower(d), 1::bigint << (i - 1)::int), (upper(d), -(1::bigint << (i - 1)::int))) v (day, bit)
  WHERE day IS NOT NULL
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
FROM pairs JOIN coverage_target_parts p ON p.id = pairs.part_id
LEFT JOIN coverage_subset_memo k ON k.part_id = pairs.part_id AND k.camera_ids = pairs.ids
WHERE k.part_id IS NULL OR k.footprints <> xl_footprint_stamp(pairs.ids, p.required_level)
ORDER BY pairs.part_id, pairs.ids
