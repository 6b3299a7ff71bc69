-- Plans newest first with their size and cost (a camera's own unit cost, else its model's); $1 = limit.
SELECT p.id, p.name, p.description, p.mode, p.suggestion, p.evaluation, u.username AS created_by, p.created_at, p.updated_at,
  count(c.id)::integer AS camera_count, coalesce(sum(coalesce(c.unit_cost, m.unit_cost)), 0)::float8 AS total_cost
FROM plans p LEFT JOIN users u ON u.id = p.created_by LEFT JOIN plan_cameras c ON c.plan_id = p.id
  LEFT JOIN camera_models m ON m.id = c.model_id
GROUP BY p.id, u.username ORDER BY p.updated_at DESC, p.id DESC LIMIT $1
