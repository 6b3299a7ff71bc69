-- Every device that ever registered, with its channel counts (matched to the registry or not).
SELECT d.device_id AS "deviceId", d.kind, c.device_id IS NOT NULL AS "inRegistry", d.transport, d.remote_address AS "address",
  d.remote_port AS "port", d.registered, d.online, d.since, d.reason, d.registered_at AS "registeredAt", d.expires_at AS "expiresAt",
  d.last_keepalive_at AS "lastKeepaliveAt", d.keepalive_interval_s AS "keepaliveIntervalS", d.manufacturer, d.model, d.firmware, d.serial,
  d.catalog_state AS "catalogState", d.catalog_sum_num AS "catalogSumNum", d.catalog_items AS "catalogItems", d.catalog_at AS "catalogAt",
  (SELECT count(*) FROM gb_channels ch WHERE ch.device_id = d.device_id AND ch.camera_id IS NOT NULL)::int AS "matchedChannels",
  (SELECT count(*) FROM gb_channels ch WHERE ch.device_id = d.device_id AND ch.status = 'OFF')::int AS "channelsOff"
FROM gb_devices d
LEFT JOIN cameras c ON c.id = d.camera_id
ORDER BY d.device_id
