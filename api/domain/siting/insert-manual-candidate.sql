-- A planner's own site; its key is manual:<id>. The id is drawn first so the key is written with
-- the row (an UPDATE of a row a WITH clause inserted cannot see that row: the site was never
-- returned).
WITH n AS (
  SELECT nextval(pg_get_serial_sequence('siting_candidates', 'id')) AS id
)
INSERT INTO siting_candidates (id, site_key, kind, geom, height_m, pinned, note)
SELECT n.id, 'manual:' || n.id, 'manual', ST_SetSRID(ST_MakePoint($1, $2), 4326), $3, $4, $5 FROM n
RETURNING id, site_key, kind, ST_X(geom) AS lon, ST_Y(geom) AS lat, height_m, pinned, excluded, note
