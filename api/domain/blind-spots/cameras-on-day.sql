-- For explaining blind spots: whether each camera ($1 ids) was in service and working on day $2
-- (NULL: today, the dataset's xl_today, from camera_status), with its state then and since when. A past day uses the
-- last status event before its end (xl_cameras_working's rule), none = never polled.
WITH d AS (SELECT coalesce($2::date, xl_today()) AS day, $2::date IS NULL AS today, xl_status_day_end(coalesce($2::date, xl_today())) AS day_end)
SELECT c.id::int AS id,
       (c.install_date IS NULL OR c.install_date <= d.day) AND (c.removal_date IS NULL OR c.removal_date > d.day) AS in_service,
       c.id IN (SELECT camera_id FROM xl_cameras_working(d.day)) AS working,
       CASE WHEN d.today THEN s.state ELSE e.state END AS state,
       to_char(CASE WHEN d.today THEN s.since ELSE e.at END AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
FROM cameras c
CROSS JOIN d
LEFT JOIN camera_status s ON s.camera_id = c.id
LEFT JOIN LATERAL (
  SELECT ev.state, ev.at FROM camera_status_events ev WHERE NOT d.today AND ev.camera_id = c.id AND ev.at < d.day_end
  ORDER BY ev.at DESC, ev.id DESC LIMIT 1
) e ON true
WHERE c.id = ANY ($1::bigint[])
