-- Candidate mounting sites in planar metres, each with a stable key and a mount height:
-- poles at intersections ($1 m pole, at a corner 12 m from the centre: a pole in the middle of
-- the junction would stand in the traffic and see the centre only in its near blind zone), poles along target roads every $2 m, walls/corners of
-- buildings within $3 m of an intersection (the wall point nearest it, at min(building, $4) m),
-- existing camera poles (a second camera; installed and not removed), and manual sites.
-- Sites excluded in siting_candidates are left out. $5 = admin area code or null.
WITH srid AS (SELECT xl_metric_srid() AS s),
area AS (
  SELECT a.id FROM admin_areas a WHERE $5::text IS NOT NULL AND (a.code = $5 OR a.parent_id = (SELECT id FROM admin_areas WHERE code = $5))
),
inter AS (
  SELECT t.id, ST_Transform(ST_PointOnSurface(t.geom), srid.s) AS c
  FROM targets t, srid WHERE t.class = 'intersection' AND ($5::text IS NULL OR t.admin_area_id IN (SELECT id FROM area))
),
roads AS (
  SELECT t.id, d.path[1] AS part, d.geom AS l
  FROM targets t, srid, LATERAL ST_Dump(ST_LineMerge(ST_CollectionExtract(ST_Transform(t.geom, srid.s), 2))) d
  WHERE t.class = 'road' AND ($5::text IS NULL OR t.admin_area_id IN (SELECT id FROM area))
),
road_points AS (
  SELECT r.id, r.part, q.path[1] AS k, q.geom AS p
  FROM roads r, LATERAL ST_Dump(ST_LineInterpolatePoints(r.l, least(1, $2::double precision / ST_Length(r.l)))) q
  WHERE ST_Length(r.l) > $2::double precision
),
-- Numbered after the points are expanded, so every pole of a road gets its own key.
road_poles AS (
  SELECT id, row_number() OVER (PARTITION BY id ORDER BY part, k) AS n, p FROM road_points
),
walls AS (
  SELECT DISTINCT ON (b.id, i.id) b.id AS building_id, i.id AS target_id,
    ST_ClosestPoint(ST_Boundary(ST_Transform(b.geom, srid.s)), i.c) AS p, least(coalesce(b.height_m, $4), $4::real) AS h
  FROM inter i, srid, buildings b
  WHERE ST_DWithin(b.geom, ST_Transform(i.c, 4326), $3::double precision / 111000.0 * 1.5)
    AND ST_DWithin(ST_Transform(b.geom, srid.s), i.c, $3::double precision)
),
sites AS (
  SELECT 'intersection_pole:' || id AS site_key, 'intersection_pole' AS kind, ST_Translate(c, 8.5, 8.5) AS p, $1::real AS height_m FROM inter
  UNION ALL
  SELECT 'road_pole:' || id || ':' || n, 'road_pole', p, $1::real FROM road_poles
  UNION ALL
  SELECT 'building_wall:' || building_id || ':' || target_id, 'building_wall', p, greatest(3, h) FROM walls
  UNION ALL
  SELECT 'existing_pole:' || c.id, 'existing_pole', ST_Transform(c.geom, srid.s), c.height_m
  FROM cameras c, srid
  WHERE (c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
    AND c.height_m > 0 AND ($5::text IS NULL OR c.admin_area_id IN (SELECT id FROM area))
  UNION ALL
  SELECT site_key, kind, ST_Transform(geom, srid.s), height_m FROM siting_candidates, srid WHERE kind = 'manual' AND NOT excluded
)
SELECT s.site_key, s.kind, ST_X(s.p) AS x, ST_Y(s.p) AS y, ST_X(ST_Transform(s.p, 4326)) AS lon, ST_Y(ST_Transform(s.p, 4326)) AS lat,
  s.height_m, coalesce(o.pinned, false) AS pinned
FROM sites s LEFT JOIN siting_candidates o ON o.site_key = s.site_key
WHERE NOT coalesce(o.excluded, false)
ORDER BY s.site_key
