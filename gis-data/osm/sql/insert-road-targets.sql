-- Target roads are the loaded (already clipped) roads of the target classes.
INSERT INTO targets (class, kind, name, required_level, source, source_ref, geom)
SELECT 'road', r.class, r.name,
       coalesce((SELECT value ->> 'road' FROM settings WHERE key = 'default_levels'), 'detect'),
       'osm', 'way/' || r.osm_id, r.geom
FROM roads r
WHERE r.class = ANY ($1::text[])
