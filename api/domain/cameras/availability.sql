-- Time-weighted share of the last $2 days that the camera was online and working, as the health
-- vocabulary defines them (xl_state_online, xl_state_working), from its state changes; null when
-- it was never polled in that window, 0 when it was observed and never online (or working).
WITH w AS (SELECT now() - make_interval(days => $2::int) AS start),
ev AS (
  SELECT e.at, e.state FROM camera_status_events e, w WHERE e.camera_id = $1 AND e.at > w.start
  UNION ALL
  SELECT w.start, (SELECT e.state FROM camera_status_events e WHERE e.camera_id = $1 AND e.at <= w.start ORDER BY e.at DESC LIMIT 1) FROM w
),
seg AS (
  SELECT state, extract(epoch FROM lead(at, 1, now()) OVER (ORDER BY at) - at) AS secs FROM ev
)
SELECT coalesce(sum(secs) FILTER (WHERE xl_state_online(state)), 0) / nullif(sum(secs) FILTER (WHERE state IS NOT NULL), 0) AS online_share,
       coalesce(sum(secs) FILTER (WHERE xl_state_working(state)), 0) / nullif(sum(secs) FILTER (WHERE state IS NOT NULL), 0) AS working_share
FROM seg
