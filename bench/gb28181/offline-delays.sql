-- For each silenced device: how long after its last keepalive the server marked it offline.
SELECT d.device_id AS "deviceId",
  (SELECT extract(epoch FROM min(e.at) - d.last_keepalive_at) * 1000 FROM gb_events e
   WHERE e.device_id = d.device_id AND e.kind = 'offline' AND e.at >= d.last_keepalive_at) AS "delayMs"
FROM gb_devices d
WHERE d.device_id = ANY ($1::text[])
