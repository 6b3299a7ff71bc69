-- Fleet status now: cameras in service (installed, not removed) by state; UNKNOWN = never polled.
SELECT coalesce(s.state, 'UNKNOWN') AS state, count(*)::int AS cameras
FROM cameras c
LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE c.removal_date IS NULL AND (c.install_date IS NULL OR c.install_date <= (SELECT xl_today()))
GROUP BY 1
