-- Open alarms of cameras among $1 that work again are cleared.
UPDATE camera_alarms a SET cleared_at = s.since
FROM camera_status s
WHERE a.cleared_at IS NULL AND s.camera_id = a.camera_id AND s.camera_id = ANY ($1::bigint[]) AND s.working
