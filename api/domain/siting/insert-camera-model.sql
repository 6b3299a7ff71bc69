INSERT INTO camera_models (name, type, resolution_h, resolution_v, hfov_max_deg, hfov_min_deg, unit_cost, currency, enabled, notes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id, name, type, resolution_h, resolution_v, hfov_max_deg, hfov_min_deg, unit_cost::float8 AS unit_cost, currency, enabled, notes
