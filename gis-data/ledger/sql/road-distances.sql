-- Distance in metres from each sampled camera to the nearest road, as given and as shifted
-- (GCJ-02 → WGS-84). NULL when no road is loaded.
SELECT p.row_no,
  (SELECT ST_Distance(r.geom::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography)
     FROM roads r ORDER BY r.geom <-> ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) LIMIT 1) AS raw_m,
  (SELECT ST_Distance(r.geom::geography, ST_SetSRID(ST_MakePoint(p.slon, p.slat), 4326)::geography)
     FROM roads r ORDER BY r.geom <-> ST_SetSRID(ST_MakePoint(p.slon, p.slat), 4326) LIMIT 1) AS shifted_m
FROM json_to_recordset($1::json) AS p(row_no integer, lon double precision, lat double precision, slon double precision, slat double precision)
