-- 联网 (networked) on one path to a camera, the health vocabulary's isNetworked
-- (vocabulary/camera-health.ts; a test holds this function to it): the registration is in force,
-- the last sign of life (keepalive or REGISTER) is at most 3 keepalive intervals old (GB/T
-- 28181-2016 §9.6; an interval NULL or <= 0 is the standard's 60 s), and the camera's catalog
-- channel is not reported OFF (channel_status NULL when the camera registered itself; ON/OFF and
-- ONLINE/OFFLINE read case-insensitively).
CREATE OR REPLACE FUNCTION xl_networked(registered boolean, keepalive_age_s double precision, keepalive_interval_s double precision,
  channel_status text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(registered, false)
    AND keepalive_age_s IS NOT NULL AND keepalive_age_s NOT IN ('NaN', 'Infinity', '-Infinity')
    AND keepalive_age_s <= 3 * CASE WHEN keepalive_interval_s > 0 THEN keepalive_interval_s ELSE 60 END
    AND upper(btrim(coalesce(channel_status, ''))) NOT IN ('OFF', 'OFFLINE')
$$;
