UPDATE plans SET name = $2, description = $3, mode = $4, evaluation = NULL, updated_at = now() WHERE id = $1 RETURNING id
