-- Whether camera cam is networked (联网) at instant at: over any path, xl_networked holds: the
-- camera registered itself (gb_devices.camera_id), or a registered recorder or lower platform lists
-- it in its catalog (gb_channels.camera_id) with a status not OFF. The registration is in force
-- when the SIP server says registered and it has not expired by then; the age is from the stored
-- last sign of life, so a stopped SIP server's devices fall out after 3 intervals as live ones do.
CREATE OR REPLACE FUNCTION xl_camera_networked(cam bigint, at timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
      SELECT 1 FROM gb_devices d
      WHERE d.camera_id = cam
        AND xl_networked(d.registered AND (d.expires_at IS NULL OR d.expires_at > at), extract(epoch FROM at - d.last_alive_at)::float8,
                         d.keepalive_interval_s, NULL))
    OR EXISTS (
      SELECT 1 FROM gb_channels ch JOIN gb_devices d ON d.device_id = ch.device_id
      WHERE ch.camera_id = cam
        AND xl_networked(d.registered AND (d.expires_at IS NULL OR d.expires_at > at), extract(epoch FROM at - d.last_alive_at)::float8,
                         d.keepalive_interval_s, nullif(ch.status, '')))
$$;
