-- The instant local day d ends (the next local midnight). Days are the camera agent's local days
-- (agent_config.dayUtcOffsetMinutes, China +480 by default), the days camera_status_daily rolls up.
CREATE OR REPLACE FUNCTION xl_status_day_end(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT ((d + 1)::timestamp AT TIME ZONE 'UTC')
         - make_interval(secs => 60 * coalesce((SELECT (value ->> 'dayUtcOffsetMinutes')::float8 FROM settings WHERE key = 'agent_config'), 480))
$$;
