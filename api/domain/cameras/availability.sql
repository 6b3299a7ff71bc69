-- Time-weighted share of the last $2 days that the camera was online (answering) and working
-- (OK), from its state changes; null when it was never polled in that window.
WITH w AS (SELECT now() - make_interval(days => $2::int) AS start),
ev AS (
  SELECT e.at, e.state FROM camera_status_events e, w WHERE e.camera_id = $1 AND e.at > w.start
  UNION ALL
  SELECT w.start, (SELECT e.state FROM camera_status_events e WHERE e.camera_id = $1 AND e.at <= w.start ORDER BY e.at DESC LIMIT 1) FROM w
),
seg AS (
  SELECT state, extract(epoch FROM lead(at, 1, now()) OVER (ORDER BY at) - at) AS secs FROM ev
)
SELECT sum(secs) FILTER (WHERE state NOT IN ('UNREACHABLE', 'NO_RESPONSE')) / nullif(sum(secs) FILTER (WHERE state IS NOT NULL), 0) AS online_share,
       sum(secs) FILTER (WHERE state = 'OK') / nullif(sum(secs) FILTER (WHERE state IS NOT NULL), 0) AS working_share
FROM seg
