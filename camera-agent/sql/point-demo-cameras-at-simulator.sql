-- The generated county's cameras live on the local simulator; when it runs on another port
-- (XUELIANG_SIM_PORT), their addresses follow, and cached media URIs (old port) are dropped.
WITH moved AS (
  UPDATE cameras
  SET onvif_url = regexp_replace(onvif_url, '^http://127\.0\.0\.1:[0-9]+/onvif/', 'http://127.0.0.1:' || $1::int || '/onvif/')
  WHERE onvif_url ~ '^http://127\.0\.0\.1:[0-9]+/onvif/'
    AND onvif_url NOT LIKE 'http://127.0.0.1:' || $1::int || '/onvif/%'
  RETURNING id
), forgotten AS (
  UPDATE camera_poll_state p SET uri_cache = NULL FROM moved WHERE p.camera_id = moved.id RETURNING p.camera_id
)
SELECT (SELECT count(*) FROM moved)::int AS moved
