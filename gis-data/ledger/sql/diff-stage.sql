-- What a commit would change on each existing camera, field by field (before = stored, after =
-- the ledger's), in the columns' order; rows whose values are all the same are not returned. Read
-- in pages: the rows after row_no $1, at most $2 of them.
-- The fields the upsert keeps when the ledger leaves them empty (owner unit, resource class, ONVIF address,
-- user, ONVIF and GB/T 28181 passwords, PTZ presets) change only when the ledger gives a value.
-- Positions compare to 1e-9° (0.1 mm). Two password ciphertexts cannot be compared here (random
-- IVs): both are returned for the caller to decrypt and compare; a password is never put in the report.
SELECT s.row_no, s.device_id, d.fields,
       CASE WHEN s.onvif_password_enc IS NOT NULL AND c.onvif_password_enc IS NOT NULL THEN s.onvif_password_enc END AS new_password_enc,
       CASE WHEN s.onvif_password_enc IS NOT NULL AND c.onvif_password_enc IS NOT NULL THEN c.onvif_password_enc END AS old_password_enc,
       CASE WHEN s.gb_password_enc IS NOT NULL AND c.gb_password_enc IS NOT NULL THEN s.gb_password_enc END AS new_gb_password_enc,
       CASE WHEN s.gb_password_enc IS NOT NULL AND c.gb_password_enc IS NOT NULL THEN c.gb_password_enc END AS old_gb_password_enc
FROM ledger_stage s
JOIN cameras c ON c.device_id = s.device_id
CROSS JOIN LATERAL (
  SELECT coalesce(jsonb_agg(jsonb_build_object('field', f.field, 'before', f.before, 'after', f.after) ORDER BY f.ord), '[]'::jsonb) AS fields
  FROM (VALUES
    (1, 'name', to_jsonb(c.name), to_jsonb(s.name), c.name IS DISTINCT FROM s.name),
    (2, 'type', to_jsonb(c.type), to_jsonb(s.type), c.type IS DISTINCT FROM s.type),
    (3, 'lon', to_jsonb(ST_X(c.geom)), to_jsonb(s.lon), abs(ST_X(c.geom) - s.lon) > 1e-9),
    (4, 'lat', to_jsonb(ST_Y(c.geom)), to_jsonb(s.lat), abs(ST_Y(c.geom) - s.lat) > 1e-9),
    (5, 'height_m', to_jsonb(c.height_m), to_jsonb(s.height_m), c.height_m IS DISTINCT FROM s.height_m),
    (6, 'azimuth_deg', to_jsonb(c.azimuth_deg), to_jsonb(s.azimuth_deg), c.azimuth_deg IS DISTINCT FROM s.azimuth_deg),
    (7, 'tilt_deg', to_jsonb(c.tilt_deg), to_jsonb(s.tilt_deg), c.tilt_deg IS DISTINCT FROM s.tilt_deg),
    (8, 'hfov_deg', to_jsonb(c.hfov_deg), to_jsonb(s.hfov_deg), c.hfov_deg IS DISTINCT FROM s.hfov_deg),
    (9, 'vfov_deg', to_jsonb(c.vfov_deg), to_jsonb(s.vfov_deg), c.vfov_deg IS DISTINCT FROM s.vfov_deg),
    (10, 'resolution_h', to_jsonb(c.resolution_h), to_jsonb(s.resolution_h), c.resolution_h IS DISTINCT FROM s.resolution_h),
    (11, 'resolution_v', to_jsonb(c.resolution_v), to_jsonb(s.resolution_v), c.resolution_v IS DISTINCT FROM s.resolution_v),
    (12, 'install_date', to_jsonb(c.install_date::text), to_jsonb(s.install_date::text), c.install_date IS DISTINCT FROM s.install_date),
    (13, 'removal_date', to_jsonb(c.removal_date::text), to_jsonb(s.removal_date::text), c.removal_date IS DISTINCT FROM s.removal_date),
    (14, 'owner_unit', to_jsonb(c.owner_unit), to_jsonb(s.owner_unit), s.owner_unit IS NOT NULL AND s.owner_unit IS DISTINCT FROM c.owner_unit),
    (14.5, 'resource_class', to_jsonb(c.resource_class), to_jsonb(s.resource_class), s.resource_class IS NOT NULL AND s.resource_class IS DISTINCT FROM c.resource_class),
    (15, 'onvif_url', to_jsonb(c.onvif_url), to_jsonb(s.onvif_url), s.onvif_url IS NOT NULL AND s.onvif_url IS DISTINCT FROM c.onvif_url),
    (16, 'onvif_user', to_jsonb(c.onvif_user), to_jsonb(s.onvif_user), s.onvif_user IS NOT NULL AND s.onvif_user IS DISTINCT FROM c.onvif_user),
    (17, 'onvif_password', NULL::jsonb, NULL::jsonb, s.onvif_password_enc IS NOT NULL AND c.onvif_password_enc IS NULL),
    (18, 'gb_password', NULL::jsonb, NULL::jsonb, s.gb_password_enc IS NOT NULL AND c.gb_password_enc IS NULL),
    (19, 'ptz_presets', c.ptz_presets, s.ptz_presets, s.ptz_presets <> '[]'::jsonb AND c.ptz_presets IS DISTINCT FROM s.ptz_presets)
  ) f (ord, field, before, after, changed)
  WHERE f.changed
) d
WHERE s.row_no > $1
  AND (d.fields <> '[]'::jsonb OR (s.onvif_password_enc IS NOT NULL AND c.onvif_password_enc IS NOT NULL)
       OR (s.gb_password_enc IS NOT NULL AND c.gb_password_enc IS NOT NULL))
ORDER BY s.row_no
LIMIT $2
