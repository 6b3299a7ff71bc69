-- The device inventory of cameras $1 from both paths (camera_inventory: ONVIF, GB/T 28181).
SELECT camera_id::bigint AS "cameraId", source, manufacturer, model, firmware, serial, seen_at AS "seenAt"
FROM camera_inventory
WHERE camera_id = ANY ($1::bigint[])
ORDER BY camera_id, source = 'onvif' DESC, source
