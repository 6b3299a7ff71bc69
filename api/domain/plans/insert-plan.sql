INSERT INTO plans (name, description, mode, suggestion, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id
