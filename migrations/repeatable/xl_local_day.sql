-- The dataset's day of an instant (in its time zone, xl_time_zone).
CREATE OR REPLACE FUNCTION xl_local_day(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE xl_time_zone())::date
$$;
