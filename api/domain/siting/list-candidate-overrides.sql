SELECT id, site_key, kind, ST_X(geom) AS lon, ST_Y(geom) AS lat, height_m, pinned, excluded, note FROM siting_candidates ORDER BY id
