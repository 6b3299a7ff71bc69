-- Cameras in service on $1 (installed by then and not yet removed) and, when $2 ("now"), whether
-- each was working at the end of that day (xl_camera_working, migration 0019: the last status
-- event before the day ended; today's and later dates read camera_status).
SELECT id::int AS id, CASE WHEN $2::boolean THEN xl_camera_working(id, $1::date) ELSE false END AS working
FROM cameras
WHERE (install_date IS NULL OR install_date <= $1::date) AND (removal_date IS NULL OR removal_date > $1::date)
