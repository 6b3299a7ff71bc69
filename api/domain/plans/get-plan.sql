SELECT p.id, p.name, p.description, p.mode, p.suggestion, p.evaluation, u.username AS created_by, p.created_at, p.updated_at
FROM plans p LEFT JOIN users u ON u.id = p.created_by WHERE p.id = $1
