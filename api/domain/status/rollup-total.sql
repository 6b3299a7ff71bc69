-- 在线率 and 完好率 of the whole fleet per period $3 ('day' | 'month') between local days $1 and $2.
SELECT CASE WHEN $3 = 'month' THEN to_char(d.day, 'YYYY-MM') ELSE to_char(d.day, 'YYYY-MM-DD') END AS period,
  count(DISTINCT d.camera_id)::int AS cameras,
  sum(d.samples)::bigint AS samples,
  sum(d.online_samples)::float8 / nullif(sum(d.samples), 0) AS "onlineRateSampled",
  sum(d.online_ms)::float8 / nullif(sum(d.observed_ms), 0) AS "onlineRateTimeWeighted",
  sum(d.working_samples)::float8 / nullif(sum(d.samples), 0) AS "workingRateSampled",
  sum(d.working_ms)::float8 / nullif(sum(d.observed_ms), 0) AS "workingRateTimeWeighted"
FROM camera_status_daily d
WHERE d.day BETWEEN $1::date AND $2::date
GROUP BY 1
ORDER BY 1
