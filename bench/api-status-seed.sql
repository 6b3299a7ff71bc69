-- bench:api status fixture (run once per bench database, when it has no alarms acknowledged by
-- 'bench'): what an agent polling the generated city for 30 days leaves behind. It replaces the
-- current states, daily records and alarms the generator derived from its status history, which
-- has no open alarms to read (the bench measured empty lists when it kept them). Deterministic (setseed). 5 % of the
-- cameras never polled (a fresh ledger import); of the rest 92 % OK, the others in fault states
-- with an open alarm; 30 days of per-camera daily aggregates; 20,000 recovered alarms of history.
DELETE FROM camera_alarms;
DELETE FROM camera_status;
DELETE FROM camera_status_daily;
SELECT setseed(0.17);
CREATE TEMP TABLE bench_pick AS
SELECT c.id, random() AS r FROM cameras c WHERE c.install_date IS NULL OR c.install_date <= (SELECT xl_today());
INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at)
SELECT id,
  CASE WHEN r < 0.92 THEN 'OK' WHEN r < 0.95 THEN 'UNREACHABLE' WHEN r < 0.96 THEN 'NO_RESPONSE' WHEN r < 0.98 THEN 'DEGRADED'
    WHEN r < 0.99 THEN 'CLOCK_SKEW' ELSE 'AUTH_FAILED' END,
  now() - make_interval(mins => (r * 10000)::int),
  CASE WHEN r < 0.92 THEN 'ok' WHEN r < 0.95 THEN 'connect-timeout' WHEN r < 0.96 THEN 'deadline' WHEN r < 0.98 THEN 'black-picture'
    WHEN r < 0.99 THEN 'clock-offset' ELSE 'not-authorized' END,
  now()
FROM bench_pick WHERE (id % 20) <> 0;
INSERT INTO camera_status_daily (camera_id, day, samples, online_samples, working_samples, observed_ms, online_ms, working_ms)
SELECT s.camera_id, d::date, 1440, 1430, 1420, 86400000, 85800000, 85200000
FROM camera_status s, generate_series((SELECT xl_today()) - 29, (SELECT xl_today()), interval '1 day') AS d;
INSERT INTO camera_alarms (camera_id, state, reason, raised_at)
SELECT camera_id, state, reason, since FROM camera_status WHERE NOT working;
INSERT INTO camera_alarms (camera_id, state, reason, raised_at, cleared_at, acknowledged_at, acknowledged_by)
SELECT s.camera_id, 'UNREACHABLE', 'connect-timeout', t, t + interval '20 minutes', t + interval '5 minutes', 'bench'
FROM (SELECT camera_id, row_number() OVER () AS n FROM camera_status) s,
  LATERAL (SELECT now() - make_interval(hours => (s.n % 700)::int + 24) AS t) x
WHERE s.n <= 20000;
ANALYZE camera_status;
ANALYZE camera_status_daily;
ANALYZE camera_alarms;
