-- Records finished polls (arrays, one element per camera) and releases their leases. A row
-- already updated by a later poll (another agent took over) is left alone, and a lease that
-- another agent ($13) now holds is not released. $14: manufacturers (GetDeviceInformation).
UPDATE camera_poll_state p
SET next_due_at = u.next_due_at,
    lease_owner = CASE WHEN p.lease_owner = $13 THEN NULL ELSE p.lease_owner END,
    lease_expires_at = CASE WHEN p.lease_owner = $13 THEN NULL ELSE p.lease_expires_at END,
    last_poll_at = u.polled_at, clock_offset_ms = u.clock_offset_ms, latency_ms = u.latency_ms,
    auth_scheme = coalesce(u.auth_scheme, p.auth_scheme), model = coalesce(u.model, p.model),
    firmware = coalesce(u.firmware, p.firmware), serial = coalesce(u.serial, p.serial),
    manufacturer = coalesce(u.manufacturer, p.manufacturer),
    uri_cache = u.uri_cache, last_snapshot_at = coalesce(u.snapshot_at, p.last_snapshot_at), memory = u.memory
FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::bigint[], $5::integer[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::timestamptz[], $12::jsonb[],
            $14::text[])
  AS u(camera_id, next_due_at, polled_at, clock_offset_ms, latency_ms, auth_scheme, model, firmware, serial, uri_cache, snapshot_at, memory,
       manufacturer)
WHERE p.camera_id = u.camera_id AND (p.last_poll_at IS NULL OR p.last_poll_at <= u.polled_at)
