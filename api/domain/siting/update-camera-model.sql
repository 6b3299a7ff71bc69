UPDATE camera_models SET name = $2, type = $3, resolution_h = $4, resolution_v = $5, hfov_max_deg = $6, hfov_min_deg = $7,
  unit_cost = $8, currency = $9, enabled = $10, notes = $11, updated_at = now()
WHERE id = $1
RETURNING id, name, type, resolution_h, resolution_v, hfov_max_deg, hfov_min_deg, unit_cost::float8 AS unit_cost, currency, enabled, notes
