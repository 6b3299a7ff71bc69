-- Cameras removed from service or without an ONVIF address are no longer polled.
DELETE FROM camera_poll_state p
USING cameras c
WHERE c.id = p.camera_id AND (c.onvif_url IS NULL OR c.removal_date IS NOT NULL)
