-- The first local day with a status record (the agent's first verdict on any camera), or NULL:
-- before it nobody knows which cameras worked, so "coverage now" is unknown there, not zero.
-- Local days of the dataset's time zone (xl_local_day), as xl_status_day_end counts them.
SELECT to_char(xl_local_day(least(
         (SELECT min(at) FROM camera_status_events),
         (SELECT min(since) FROM camera_status)
       )), 'YYYY-MM-DD') AS status_from
