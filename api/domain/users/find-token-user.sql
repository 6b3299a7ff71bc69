UPDATE api_tokens t SET last_used_at = now()
FROM users u
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND NOT u.disabled
RETURNING u.id, u.username, u.role, u.must_change_password, u.disabled
