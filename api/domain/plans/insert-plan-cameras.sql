-- All cameras of a plan in one statement (parallel arrays, positions 1..n in array order).
INSERT INTO plan_cameras (plan_id, position, name, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, vfov_deg, resolution_h,
                          resolution_v, ptz_presets, model_id, unit_cost, site_key, marginal_gain, note)
SELECT $1, u.ord, u.name, u.type, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.height_m, u.azimuth_deg, u.tilt_deg, u.hfov_deg,
  u.vfov_deg, u.resolution_h, u.resolution_v, coalesce(u.ptz_presets, '[]'), u.model_id, u.unit_cost, u.site_key, u.marginal_gain, u.note
FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::real[], $9::real[], $10::real[], $11::integer[],
  $12::integer[], $13::jsonb[], $14::integer[], $15::numeric[], $16::text[], $17::float8[], $18::text[])
  WITH ORDINALITY AS u(name, type, lon, lat, height_m, azimuth_deg, tilt_deg, hfov_deg, vfov_deg, resolution_h, resolution_v, ptz_presets,
                       model_id, unit_cost, site_key, marginal_gain, note, ord)
