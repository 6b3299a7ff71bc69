-- Today in the dataset's time zone, as of the transaction's start (as now()). Was the UTC date
-- on the engine's side and UTC+8 on the status side, which named two days from 00:00 to 08:00.
CREATE OR REPLACE FUNCTION xl_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT xl_local_day(now())
$$;
