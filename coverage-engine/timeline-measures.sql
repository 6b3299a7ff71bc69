-- The whole measure per class (m of road, m² of areas) for the city (area_id NULL) and each
-- county, unrounded: the timeline's rates divide by it as the rates of a date do (rates.sql sums
-- the same parts per target, then per area). The rounded total of a ClassRate (to the cm) made
-- the deadline's rates differ from GET /coverage?asOf=2020-12-31 in the 8th decimal.
WITH RECURSIVE anc (area_id, anc_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT anc.area_id, a.parent_id FROM anc JOIN admin_areas a ON a.id = anc.anc_id WHERE a.parent_id IS NOT NULL
),
t AS (
  SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, sum(p.measure) AS measure
  FROM coverage_target_parts p GROUP BY p.target_id
)
SELECT NULL::integer AS area_id, class, sum(measure) AS measure FROM t GROUP BY class
UNION ALL
SELECT anc.anc_id, t.class, sum(t.measure)
FROM t JOIN anc ON anc.area_id = t.area_id JOIN admin_areas a ON a.id = anc.anc_id AND a.level = 'county'
GROUP BY anc.anc_id, t.class
