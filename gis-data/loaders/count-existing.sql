-- What a refused load would overwrite, for the error message.
SELECT (SELECT count(*) FROM admin_areas)::int AS admin_areas, (SELECT count(*) FROM cameras)::int AS cameras
