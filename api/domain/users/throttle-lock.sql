-- One throttle key, locked for the rest of the transaction, with the database's clock (every
-- API process then agrees on the time).
SELECT failures, first_failure_at, last_failure_at, blocked_until, now() AS now
FROM login_throttle WHERE scope = $1 AND username = $2 AND address = $3
FOR UPDATE
