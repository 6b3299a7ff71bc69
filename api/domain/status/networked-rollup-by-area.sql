-- 联网率 per admin area of level $1 ('city' | 'county' | 'town') and per period $4 ('day' |
-- 'month') between local days $2 and $3 inclusive, from the daily record (gb_networked_daily):
-- networked camera-days ÷ recorded camera-days. Days without a record are in neither.
WITH RECURSIVE up (area_id, ancestor_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT up.area_id, a.parent_id FROM up JOIN admin_areas a ON a.id = up.ancestor_id WHERE a.parent_id IS NOT NULL
)
SELECT anc.code AS "areaCode", anc.name AS "areaName",
  CASE WHEN $4 = 'month' THEN to_char(n.day, 'YYYY-MM') ELSE to_char(n.day, 'YYYY-MM-DD') END AS period,
  count(DISTINCT n.camera_id)::int AS cameras,
  (count(*) FILTER (WHERE n.networked))::float8 / count(*) AS "networkedRate"
FROM gb_networked_daily n
JOIN cameras c ON c.id = n.camera_id
JOIN up ON up.area_id = c.admin_area_id
JOIN admin_areas anc ON anc.id = up.ancestor_id AND anc.level = $1
WHERE n.day BETWEEN $2::date AND $3::date
GROUP BY 1, 2, 3
ORDER BY 3, 1
