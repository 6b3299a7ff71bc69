-- Month end of a date (the timeline's sampling points).
CREATE OR REPLACE FUNCTION xl_month_end(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (date_trunc('month', d) + interval '1 month' - interval '1 day')::date
$$;
