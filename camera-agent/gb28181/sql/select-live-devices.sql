-- Devices still registered (their registration has not expired) when the server starts: their
-- sessions are restored so a restart does not flap the network offline.
SELECT device_id AS "deviceId", kind, camera_id::bigint AS "cameraId", transport, remote_address AS "remoteAddress",
  remote_port AS "remotePort", contact, extract(epoch FROM registered_at) * 1000 AS "registeredAt",
  extract(epoch FROM expires_at) * 1000 AS "expiresAt", extract(epoch FROM last_keepalive_at) * 1000 AS "lastKeepaliveAt",
  extract(epoch FROM last_alive_at) * 1000 AS "lastAliveAt",
  keepalive_interval_s AS "keepaliveIntervalS", online, extract(epoch FROM since) * 1000 AS since, reason,
  device_name AS "deviceName", manufacturer, model, firmware, serial, channel_count AS "channelCount",
  catalog_state AS "catalogState", catalog_sum_num AS "catalogSumNum", catalog_items AS "catalogItems",
  extract(epoch FROM catalog_at) * 1000 AS "catalogAt"
FROM gb_devices
WHERE registered AND expires_at > now()
