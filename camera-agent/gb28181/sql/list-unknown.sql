-- Camera codes (type 131/132) heard over GB/T 28181 that the registry does not have: devices
-- that registered themselves, and channels a catalog listed. Reported, never added to cameras.
SELECT 'device' AS via, d.device_id AS "deviceId", NULL::text AS "reportedBy", NULL::text AS name, d.registered_at AS "seenAt"
FROM gb_devices d
WHERE d.kind = 'camera' AND d.camera_id IS NULL
UNION ALL
SELECT 'channel', ch.channel_id, ch.device_id, ch.name, ch.seen_at
FROM gb_channels ch
WHERE ch.camera_id IS NULL AND substr(ch.channel_id, 11, 3) IN ('131', '132') AND length(ch.channel_id) = 20
ORDER BY 2, 3
