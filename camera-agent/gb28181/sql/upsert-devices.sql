-- The latest state of each device in this batch (one JSON object per device, keys = columns).
-- A camera deleted since the device registered leaves camera_id NULL instead of failing the batch.
INSERT INTO gb_devices AS d (device_id, kind, camera_id, transport, remote_address, remote_port, contact, registered, registered_at,
  expires_at, last_keepalive_at, last_alive_at, keepalive_interval_s, online, since, reason, device_name, manufacturer, model, firmware, serial,
  channel_count, catalog_state, catalog_sum_num, catalog_items, catalog_at, status_online, status_result, status_at, updated_at)
SELECT r.device_id, r.kind, (SELECT c.id FROM cameras c WHERE c.id = r.camera_id), r.transport, r.remote_address, r.remote_port, r.contact,
  r.registered, r.registered_at, r.expires_at, r.last_keepalive_at, r.last_alive_at, r.keepalive_interval_s, r.online, r.since, r.reason, r.device_name,
  r.manufacturer, r.model, r.firmware, r.serial, r.channel_count, r.catalog_state, r.catalog_sum_num, r.catalog_items, r.catalog_at,
  r.status_online, r.status_result, r.status_at, now()
FROM json_populate_recordset(NULL::gb_devices, $1::json) AS r
ON CONFLICT (device_id) DO UPDATE SET
  kind = EXCLUDED.kind, camera_id = EXCLUDED.camera_id, transport = EXCLUDED.transport, remote_address = EXCLUDED.remote_address,
  remote_port = EXCLUDED.remote_port, contact = EXCLUDED.contact, registered = EXCLUDED.registered, registered_at = EXCLUDED.registered_at,
  expires_at = EXCLUDED.expires_at, last_keepalive_at = EXCLUDED.last_keepalive_at, last_alive_at = EXCLUDED.last_alive_at, keepalive_interval_s = EXCLUDED.keepalive_interval_s,
  online = EXCLUDED.online, since = EXCLUDED.since, reason = EXCLUDED.reason,
  device_name = coalesce(EXCLUDED.device_name, d.device_name), manufacturer = coalesce(EXCLUDED.manufacturer, d.manufacturer),
  model = coalesce(EXCLUDED.model, d.model), firmware = coalesce(EXCLUDED.firmware, d.firmware), serial = coalesce(EXCLUDED.serial, d.serial),
  channel_count = coalesce(EXCLUDED.channel_count, d.channel_count), catalog_state = EXCLUDED.catalog_state,
  catalog_sum_num = coalesce(EXCLUDED.catalog_sum_num, d.catalog_sum_num), catalog_items = coalesce(EXCLUDED.catalog_items, d.catalog_items),
  catalog_at = coalesce(EXCLUDED.catalog_at, d.catalog_at), status_online = coalesce(EXCLUDED.status_online, d.status_online),
  status_result = coalesce(EXCLUDED.status_result, d.status_result), status_at = coalesce(EXCLUDED.status_at, d.status_at), updated_at = now()
