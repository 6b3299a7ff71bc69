-- Revokes every still-active token of one user (a password change, `user token revoke --user`).
UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL
RETURNING id, token_hash
