-- A camera state for every camera, in the proportions the demo county showed after its first
-- poll (1,842 of 1,968 OK, 77 NO_RESPONSE, 37 CLOCK_SKEW, 9 DEGRADED, 3 AUTH_FAILED), picked by
-- a hash of the id so every run gets the same states. Without it "coverage now" would count no
-- working camera at all, which no real network looks like.
INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at)
SELECT c.id,
       CASE WHEN h < 0.9360 THEN 'OK' WHEN h < 0.9751 THEN 'NO_RESPONSE' WHEN h < 0.9939 THEN 'CLOCK_SKEW' WHEN h < 0.9985 THEN 'DEGRADED' ELSE 'AUTH_FAILED' END,
       now(), 'benchmark status mix', now()
FROM cameras c CROSS JOIN LATERAL (SELECT ('x' || substr(md5(c.id::text || '/state'), 1, 8))::bit(32)::bigint / 4294967296.0 AS h) x
ON CONFLICT (camera_id) DO UPDATE SET state = excluded.state, since = excluded.since, reason = excluded.reason, last_poll_at = excluded.last_poll_at
