SELECT coalesce(s.state, 'UNKNOWN') AS state, count(*)::int AS n
FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE c.removal_date IS NULL OR c.removal_date > (SELECT xl_today())
GROUP BY 1
