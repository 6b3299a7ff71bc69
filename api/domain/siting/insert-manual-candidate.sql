-- A planner's own site; its key is manual:<id>. The id is drawn first so the key is written in
-- the same INSERT (an UPDATE of a row inserted by a CTE of the same statement sees no row).
WITH next AS (SELECT nextval(pg_get_serial_sequence('siting_candidates', 'id')) AS id)
INSERT INTO siting_candidates (id, site_key, kind, geom, height_m, pinned, note)
SELECT next.id, 'manual:' || next.id, 'manual', ST_SetSRID(ST_MakePoint($1, $2), 4326), $3, $4, $5 FROM next
RETURNING id, site_key, kind, ST_X(geom) AS lon, ST_Y(geom) AS lat, height_m, pinned, excluded, note
