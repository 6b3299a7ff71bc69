-- 在线 (online), the health vocabulary's isOnline (vocabulary/camera-health.ts; a test holds this
-- function to it for every state): the device answers in its protocol: OK, DEGRADED, CLOCK_SKEW,
-- AUTH_FAILED. UNREACHABLE, NO_RESPONSE and PROTOCOL_ERROR (an answer that is not ONVIF) are
-- offline; UNKNOWN or NULL (never polled) too. IMMUTABLE: camera_status.online is generated from
-- it (migration 0090). Stored values are computed when a row is written, so a change here needs a
-- numbered migration (`-- requires: xl_state_online`) that rewrites the rows:
-- UPDATE camera_status SET state = state.
CREATE OR REPLACE FUNCTION xl_state_online(state text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(state IN ('OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED'), false)
$$;
