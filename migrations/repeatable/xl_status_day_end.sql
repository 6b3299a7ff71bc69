-- The instant local day d ends (its next local midnight) in the dataset's time zone
-- (xl_time_zone), the days camera_status_daily rolls up. Was UTC+8 by
-- agent_config.dayUtcOffsetMinutes; migration 0085 turned such an offset into the time zone.
CREATE OR REPLACE FUNCTION xl_status_day_end(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT ((d + 1)::timestamp AT TIME ZONE xl_time_zone())
$$;
