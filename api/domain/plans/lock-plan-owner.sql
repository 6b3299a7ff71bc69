-- The plan's owner (null: saved from the command line, or the owner was deleted) and name, locked
-- until the change that checks it commits.
SELECT p.created_by AS owner_id, u.username AS owner FROM plans p LEFT JOIN users u ON u.id = p.created_by WHERE p.id = $1 FOR UPDATE OF p
