-- The first local day with a status record (the agent's first verdict on any camera), or NULL:
-- before it nobody knows which cameras worked, so "coverage now" is unknown there, not zero.
-- Local days as xl_status_day_end counts them (agent_config.dayUtcOffsetMinutes, default UTC+8).
SELECT to_char((least(
         (SELECT min(at) FROM camera_status_events),
         (SELECT min(since) FROM camera_status)
       ) AT TIME ZONE 'UTC') + make_interval(mins => coalesce(
         (SELECT (value ->> 'dayUtcOffsetMinutes')::int FROM settings WHERE key = 'agent_config'), 480)), 'YYYY-MM-DD') AS status_from
