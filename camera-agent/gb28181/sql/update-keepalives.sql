-- The keepalives since the last flush: only what a keepalive changes (its time, and the address it came from), one
-- array element per device. A device whose row changed otherwise in the same flush is written whole instead (upsert-devices.sql).
UPDATE gb_devices AS d
SET last_keepalive_at = to_timestamp(k.keepalive_ms / 1000.0), last_alive_at = to_timestamp(k.alive_ms / 1000.0), transport = k.transport,
  remote_address = k.address, remote_port = k.port, updated_at = now()
FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::text[], $6::int[]) AS k(device_id, keepalive_ms, alive_ms, transport, address, port)
WHERE d.device_id = k.device_id
