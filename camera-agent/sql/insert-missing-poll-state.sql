-- Cameras registered with an ONVIF address and not yet scheduled: spread their first poll over
-- one interval ($1 ms) so a fresh fleet does not poll in one burst.
INSERT INTO camera_poll_state (camera_id, next_due_at)
SELECT c.id, now() + make_interval(secs => random() * $1::double precision / 1000)
FROM cameras c
WHERE c.onvif_url IS NOT NULL AND c.removal_date IS NULL
  AND NOT EXISTS (SELECT 1 FROM camera_poll_state p WHERE p.camera_id = c.id)
ON CONFLICT (camera_id) DO NOTHING
