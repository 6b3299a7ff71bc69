UPDATE login_devices SET last_used_at = now() WHERE token_hash = $1
