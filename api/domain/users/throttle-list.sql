-- Throttle keys with failures within the forget interval ($1 ms), held back first, then newest.
SELECT scope, username, address, failures, first_failure_at, last_failure_at,
  CASE WHEN blocked_until > now() THEN blocked_until END AS blocked_until,
  greatest(0, ceil(extract(epoch FROM blocked_until - now())))::int AS retry_after_seconds
FROM login_throttle
WHERE failures > 0 AND last_failure_at >= now() - $1 * interval '1 millisecond'
ORDER BY (blocked_until > now()) DESC NULLS LAST, last_failure_at DESC
LIMIT 1000
