-- API tokens, newest first, of one user ($1) or all (null); never the hash.
SELECT t.id, u.username, t.label, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE $1::text IS NULL OR u.username = $1
ORDER BY t.id DESC
LIMIT 1000
