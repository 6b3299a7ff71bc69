-- The health vocabulary's severity (vocabulary/camera-health.ts SEVERITY_ORDER; a test holds this
-- function to it for every state): 1 = most severe … 8 = OK, the order the map's clusters and the
-- card's hourly strip use.
CREATE OR REPLACE FUNCTION xl_state_severity(state text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE state
    WHEN 'UNREACHABLE' THEN 1 WHEN 'NO_RESPONSE' THEN 2 WHEN 'PROTOCOL_ERROR' THEN 3 WHEN 'AUTH_FAILED' THEN 4
    WHEN 'DEGRADED' THEN 5 WHEN 'CLOCK_SKEW' THEN 6 WHEN 'OK' THEN 8
    ELSE 7 -- UNKNOWN, NULL (never polled) and any word the vocabulary does not know
  END
$$;
