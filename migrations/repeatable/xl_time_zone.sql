-- The dataset's time zone (IANA name): settings key time_zone, default Asia/Shanghai. Every date
-- rule (the engine's today, the status side's days, the agent's daily aggregates) reads its days
-- there; vocabulary/dataset-time.ts is the TypeScript side (issue 16, "one today").
CREATE OR REPLACE FUNCTION xl_time_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value #>> '{}' FROM settings WHERE key = 'time_zone'), 'Asia/Shanghai')
$$;
