-- Cameras in service today (installed, or date unknown, and not removed: as the map, GET
-- /status/summary and the coverage report count them) by state; UNKNOWN = never polled.
SELECT coalesce(s.state, 'UNKNOWN') AS state, count(*)::int AS n
FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE (c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
GROUP BY 1
