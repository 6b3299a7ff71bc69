UPDATE login_throttle SET failures = $4, first_failure_at = $5, last_failure_at = $6, blocked_until = $7
WHERE scope = $1 AND username = $2 AND address = $3
