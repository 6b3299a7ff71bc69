-- One "today" for the dataset (issue 16): the dataset has one time zone, settings key
-- `time_zone` (an IANA name, default Asia/Shanghai when absent), and every date rule reads its
-- days there (migrations/repeatable/xl_time_zone.sql, xl_today.sql, xl_local_day.sql;
-- vocabulary/dataset-time.ts is the TypeScript side; tests/integration/coverage/dataset-day.test.ts
-- holds the two to the same day at 23:30 UTC). Before, the coverage engine took the UTC date and
-- the agent's days were UTC+8 (agent_config.dayUtcOffsetMinutes), so from 00:00 to 08:00 in China
-- they named two days.
--
-- A database whose agent counted days at another whole-hour UTC offset keeps its days: the
-- offset becomes the equivalent fixed zone (POSIX-style Etc/GMT names invert the sign).
INSERT INTO settings (key, value)
SELECT 'time_zone', to_jsonb(CASE WHEN o = 0 THEN 'UTC' ELSE 'Etc/GMT' || CASE WHEN o > 0 THEN '-' ELSE '+' END || (abs(o) / 60)::integer::text END)
FROM (SELECT (value ->> 'dayUtcOffsetMinutes')::numeric AS o FROM settings
      WHERE key = 'agent_config' AND jsonb_typeof(value -> 'dayUtcOffsetMinutes') = 'number') a
WHERE o <> 480 AND o % 60 = 0 AND abs(o) <= 14 * 60
ON CONFLICT (key) DO NOTHING;
