-- 在线率 and 完好率 per admin area of level $1 ('city' | 'county' | 'town') and per period $4
-- ('day' | 'month') between local days $2 and $3 inclusive, from the per-camera daily rows.
-- A camera counts in every ancestor area of its own (town → county → city).
WITH RECURSIVE up (area_id, ancestor_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT up.area_id, a.parent_id FROM up JOIN admin_areas a ON a.id = up.ancestor_id WHERE a.parent_id IS NOT NULL
)
SELECT anc.code AS "areaCode", anc.name AS "areaName",
  CASE WHEN $4 = 'month' THEN to_char(d.day, 'YYYY-MM') ELSE to_char(d.day, 'YYYY-MM-DD') END AS period,
  count(DISTINCT d.camera_id)::int AS cameras,
  sum(d.samples)::bigint AS samples,
  sum(d.online_samples)::float8 / nullif(sum(d.samples), 0) AS "onlineRateSampled",
  sum(d.online_ms)::float8 / nullif(sum(d.observed_ms), 0) AS "onlineRateTimeWeighted",
  sum(d.working_samples)::float8 / nullif(sum(d.samples), 0) AS "workingRateSampled",
  sum(d.working_ms)::float8 / nullif(sum(d.observed_ms), 0) AS "workingRateTimeWeighted"
FROM camera_status_daily d
JOIN cameras c ON c.id = d.camera_id
JOIN up ON up.area_id = c.admin_area_id
JOIN admin_areas anc ON anc.id = up.ancestor_id AND anc.level = $1
WHERE d.day BETWEEN $2::date AND $3::date
GROUP BY 1, 2, 3
ORDER BY 3, 1
