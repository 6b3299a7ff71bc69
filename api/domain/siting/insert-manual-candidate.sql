-- A planner's own site; its key is manual:<id>.
WITH ins AS (
  INSERT INTO siting_candidates (site_key, kind, geom, height_m, pinned, note)
  VALUES ('manual:pending:' || gen_random_uuid(), 'manual', ST_SetSRID(ST_MakePoint($1, $2), 4326), $3, $4, $5)
  RETURNING id
)
UPDATE siting_candidates c SET site_key = 'manual:' || c.id FROM ins WHERE c.id = ins.id
RETURNING c.id, c.site_key, c.kind, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.height_m, c.pinned, c.excluded, c.note
