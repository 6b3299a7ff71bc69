-- Revokes one token (kept for the list and the audit log). Nothing comes back when it is
-- unknown; revoked_at stays the first revocation's.
UPDATE api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
FROM users u WHERE t.id = $1 AND u.id = t.user_id
RETURNING t.id, t.token_hash, t.user_id, u.username, t.label, (t.revoked_at = now()) AS newly_revoked
