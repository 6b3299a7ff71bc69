-- last_used_at is informational: written at most once a minute per token, so scripts hammering
-- the API do not serialise on one row lock.
UPDATE api_tokens SET last_used_at = now()
WHERE token_hash = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')
