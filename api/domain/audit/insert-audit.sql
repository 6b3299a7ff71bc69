INSERT INTO audit_log (user_id, username, action, entity, entity_id, before, after, address)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
