-- The health vocabulary in SQL (vocabulary/camera-health.ts is the definition; a test holds these
-- functions to it for every state, and camera_status's CHECK list to its CAMERA_STATES):
--   xl_state_online(state)   在线: the device answers in its protocol: OK, DEGRADED, CLOCK_SKEW,
--                            AUTH_FAILED. UNREACHABLE, NO_RESPONSE and PROTOCOL_ERROR (an answer
--                            that is not ONVIF) are offline; UNKNOWN or NULL (never polled) too.
--   xl_state_working(state)  完好: online and the picture usable: OK only.
--   xl_state_severity(state) 1 = most severe … 8 = OK, the order the map's clusters and the
--                            availability strip use (NULL counts as UNKNOWN).
-- Until this migration camera_status.online counted PROTOCOL_ERROR as online while the map drew
-- it offline. The generated columns now call the functions; they are IMMUTABLE, as generated
-- columns require. Stored values are computed when a row is written: should a function ever
-- change, rewrite the rows in the same migration (UPDATE camera_status SET state = state).
CREATE FUNCTION xl_state_online(state text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(state IN ('OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED'), false)
$$;

CREATE FUNCTION xl_state_working(state text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(state = 'OK', false)
$$;

CREATE FUNCTION xl_state_severity(state text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE state
    WHEN 'UNREACHABLE' THEN 1 WHEN 'NO_RESPONSE' THEN 2 WHEN 'PROTOCOL_ERROR' THEN 3 WHEN 'AUTH_FAILED' THEN 4
    WHEN 'DEGRADED' THEN 5 WHEN 'CLOCK_SKEW' THEN 6 WHEN 'OK' THEN 8
    ELSE 7 -- UNKNOWN, NULL (never polled) and any word the vocabulary does not know
  END
$$;

-- PostgreSQL 15 cannot change a generated column's expression: drop and add them again (the
-- table is one row per camera; adding them rewrites it once).
ALTER TABLE camera_status DROP COLUMN online, DROP COLUMN working;
ALTER TABLE camera_status
  ADD COLUMN online boolean GENERATED ALWAYS AS (xl_state_online(state)) STORED,
  ADD COLUMN working boolean GENERATED ALWAYS AS (xl_state_working(state)) STORED;
