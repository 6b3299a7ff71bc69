-- Housekeeping: keys whose last failure is older than the forget interval ($1 ms) count nothing.
DELETE FROM login_throttle WHERE last_failure_at IS NULL OR last_failure_at < now() - $1 * interval '1 millisecond'
