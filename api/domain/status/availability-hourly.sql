-- Hourly availability strip of camera $1 over the last $2 hours (ending now), from its status
-- events: seconds observed, online and working per hour, and the most severe state seen in the
-- hour. Online, working and severity are the health vocabulary's (xl_state_online,
-- xl_state_working, xl_state_severity; vocabulary/camera-health.ts). Time before the camera's
-- first event is not observed.
WITH bounds AS (
  SELECT date_trunc('hour', now()) - make_interval(hours => $2::int - 1) AS t0, now() AS t1
),
ev AS (
  (SELECT e.at, e.state FROM camera_status_events e, bounds b WHERE e.camera_id = $1 AND e.at <= b.t0 ORDER BY e.at DESC, e.id DESC LIMIT 1)
  UNION ALL
  (SELECT e.at, e.state FROM camera_status_events e, bounds b WHERE e.camera_id = $1 AND e.at > b.t0)
),
spans AS (
  SELECT greatest(ev.at, b.t0) AS s, coalesce(lead(ev.at) OVER (ORDER BY ev.at), b.t1) AS e, ev.state
  FROM ev, bounds b
),
hours AS (
  SELECT h FROM bounds b, generate_series(b.t0, date_trunc('hour', b.t1), interval '1 hour') AS h
),
parts AS (
  SELECT hours.h, spans.state,
    -- No span in the hour: NULL, not the hour's length (least/greatest skip NULLs, which counted
    -- every hour before monitoring began as observed and offline).
    CASE WHEN spans.s IS NOT NULL THEN
      greatest(0, extract(epoch FROM least(spans.e, hours.h + interval '1 hour') - greatest(spans.s, hours.h)))
    END AS secs
  FROM hours LEFT JOIN spans ON spans.s < hours.h + interval '1 hour' AND spans.e > hours.h
)
SELECT h AS "start",
  coalesce(sum(secs), 0)::float8 AS "observedSeconds",
  coalesce(sum(secs) FILTER (WHERE xl_state_online(state)), 0)::float8 AS "onlineSeconds",
  coalesce(sum(secs) FILTER (WHERE xl_state_working(state)), 0)::float8 AS "workingSeconds",
  (array_agg(state ORDER BY xl_state_severity(state)) FILTER (WHERE secs > 0))[1] AS "worstState"
FROM parts
GROUP BY h
ORDER BY h
