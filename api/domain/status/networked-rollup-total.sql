-- 联网率 of the whole fleet per period $3 ('day' | 'month') between local days $1 and $2, from the
-- daily record (gb_networked_daily): networked camera-days ÷ recorded camera-days.
SELECT CASE WHEN $3 = 'month' THEN to_char(n.day, 'YYYY-MM') ELSE to_char(n.day, 'YYYY-MM-DD') END AS period,
  count(DISTINCT n.camera_id)::int AS cameras,
  (count(*) FILTER (WHERE n.networked))::float8 / count(*) AS "networkedRate"
FROM gb_networked_daily n
WHERE n.day BETWEEN $1::date AND $2::date
GROUP BY 1
ORDER BY 1
