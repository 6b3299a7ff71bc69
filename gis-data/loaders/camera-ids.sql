-- Ids of the cameras just copied ($1 device ids), for the rows that reference them.
SELECT id::bigint AS id, device_id FROM cameras WHERE device_id = ANY ($1::text[])
