-- A plan's cameras in order, with their position in planar metres and their model's name; the
-- unit cost is the camera's own, else its model's.
SELECT c.id, c.position, c.name, c.type, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
  ST_X(ST_Transform(c.geom, (SELECT xl_metric_srid()))) AS x, ST_Y(ST_Transform(c.geom, (SELECT xl_metric_srid()))) AS y,
  c.height_m, c.azimuth_deg, c.tilt_deg, c.hfov_deg, c.vfov_deg, c.resolution_h, c.resolution_v, c.ptz_presets, c.model_id,
  m.name AS model_name, coalesce(c.unit_cost, m.unit_cost)::float8 AS unit_cost, c.site_key, c.marginal_gain, c.note
FROM plan_cameras c LEFT JOIN camera_models m ON m.id = c.model_id WHERE c.plan_id = $1 ORDER BY c.position
