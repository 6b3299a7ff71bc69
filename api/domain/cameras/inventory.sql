-- What each path knows of the device (camera_inventory, migration 0121): ONVIF first.
SELECT source, manufacturer, model, firmware, serial, seen_at AS "seenAt"
FROM camera_inventory
WHERE camera_id = $1
ORDER BY source = 'onvif' DESC, source
