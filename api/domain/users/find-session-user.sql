SELECT u.id, u.username, u.role, u.must_change_password, u.disabled, s.csrf_token
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled
