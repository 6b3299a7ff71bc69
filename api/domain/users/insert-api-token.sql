INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1, $2, $3) RETURNING id
