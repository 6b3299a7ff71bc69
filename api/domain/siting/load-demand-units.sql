-- Demand units of the target layers, in planar metres (xl_metric_srid()):
-- intersections: one disc unit at the centre; roads: pieces of $2 m (midpoint, length);
-- hotspots / crowded places: $3 m grid cells clipped to the polygon (a point inside, area);
-- point targets of area classes: one unit. $1 = classes (null: all), $4 = admin area code or null.
WITH srid AS (SELECT xl_metric_srid() AS s),
area AS (
  SELECT a.id FROM admin_areas a WHERE $4::text IS NOT NULL AND (a.code = $4 OR a.parent_id = (SELECT id FROM admin_areas WHERE code = $4))
),
t AS (
  SELECT t.id, t.class, t.required_level, t.priority, ST_Transform(t.geom, srid.s) AS g
  FROM targets t, srid
  WHERE ($1::text[] IS NULL OR t.class = ANY ($1::text[]))
    AND ($4::text IS NULL OR t.admin_area_id IN (SELECT id FROM area))
),
lines AS (
  SELECT id, class, required_level, priority, (ST_Dump(ST_LineMerge(ST_CollectionExtract(g, 2)))).geom AS l
  FROM t WHERE class = 'road' AND ST_Dimension(g) = 1
),
pieces AS (
  SELECT id, class, required_level, priority, l, ST_Length(l) AS len, greatest(1, ceil(ST_Length(l) / $2::double precision))::integer AS n
  FROM lines WHERE ST_Length(l) > 0
),
polys AS (
  SELECT id, class, required_level, priority, g FROM t WHERE class IN ('hotspot', 'crowded_place') AND ST_Dimension(g) = 2
),
cells AS (
  SELECT p.id, p.class, p.required_level, p.priority, ST_Intersection(c.geom, p.g) AS cell
  FROM polys p, LATERAL ST_SquareGrid($3::double precision, p.g) AS c
  WHERE ST_Intersects(c.geom, p.g)
)
SELECT id AS target_id, class, required_level, priority, ST_X(c) AS x, ST_Y(c) AS y, 1::double precision AS measure, 'disc' AS unit_kind
FROM (SELECT id, class, required_level, priority, ST_PointOnSurface(g) AS c FROM t WHERE class = 'intersection') i
UNION ALL
SELECT id, class, required_level, priority, ST_X(m), ST_Y(m), len / n, 'segment'
FROM (SELECT p.*, ST_LineInterpolatePoint(p.l, (k + 0.5) / p.n) AS m FROM pieces p, generate_series(0, p.n - 1) AS k) s
UNION ALL
SELECT id, class, required_level, priority, ST_X(pt), ST_Y(pt), ST_Area(cell), 'cell'
FROM (SELECT cells.*, ST_PointOnSurface(cell) AS pt FROM cells WHERE ST_Area(cell) >= 1) c
UNION ALL
SELECT id, class, required_level, priority, ST_X(pt), ST_Y(pt), 1, 'point'
FROM (SELECT id, class, required_level, priority, ST_PointOnSurface(g) AS pt FROM t WHERE class IN ('hotspot', 'crowded_place') AND ST_Dimension(g) = 0) p
ORDER BY 1, 5, 6
