-- The study area: the clipping bounds as one county-level area.
INSERT INTO admin_areas (code, name, name_en, level, geom)
VALUES ($1, $2, $2, 'county', ST_Multi(ST_MakeEnvelope($3, $4, $5, $6, 4326)))
RETURNING id
