SELECT id, name, type, resolution_h, resolution_v, hfov_max_deg, hfov_min_deg, unit_cost::float8 AS unit_cost, currency, enabled, notes
FROM camera_models ORDER BY id
