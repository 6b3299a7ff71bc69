-- All cameras of a plan in one statement (parallel arrays, positions 1..n in array order).
INSERT INTO plan_cameras (plan_id, position, name, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h, resolution_v, model_id, unit_cost, site_key, marginal_gain, note)
SELECT $1, u.ord, u.name, u.type, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.height_m, u.azimuth_deg, u.tilt_deg, u.hfov_deg,
  u.resolution_h, u.resolution_v, u.model_id, u.unit_cost, u.site_key, u.marginal_gain, u.note
FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::real[], $9::real[], $10::integer[], $11::integer[],
  $12::integer[], $13::numeric[], $14::text[], $15::float8[], $16::text[])
  WITH ORDINALITY AS u(name, type, lon, lat, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h, resolution_v, model_id, unit_cost, site_key, marginal_gain, note, ord)
