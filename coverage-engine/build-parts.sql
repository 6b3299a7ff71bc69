-- Cuts targets into compute parts: point targets become discs ($1 m radius), lines are cut into
-- pieces of about $2 m (long roads otherwise dominate the union cost), polygons are repaired and
-- subdivided. Unknown required levels fall back to the class default from $3 (json), known
-- levels are $4; $5 limits to some targets (NULL: all). Area: the target's own, else the
-- smallest admin area holding it. (t is materialized: inlined, its
-- transform would run once per reference below.)
WITH t AS MATERIALIZED (
  SELECT t.id, t.class, t.priority,
         CASE WHEN t.required_level = ANY ($4::text[]) THEN t.required_level ELSE $3::jsonb ->> t.class END AS lvl,
         coalesce(t.admin_area_id, (
           SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(t.geom))
           ORDER BY CASE a.level WHEN 'town' THEN 0 WHEN 'county' THEN 1 ELSE 2 END LIMIT 1)) AS area_id,
         ST_Transform(CASE WHEN ST_IsValid(t.geom) THEN t.geom ELSE ST_MakeValid(t.geom) END, (SELECT xl_metric_srid())) AS m
  FROM targets t
  WHERE $5::bigint[] IS NULL OR t.id = ANY ($5)
),
pieces AS (
  SELECT t.id, t.class, t.priority, t.lvl, t.area_id, p.g
  FROM t
  CROSS JOIN LATERAL (
    SELECT ST_Buffer(d.geom, $1, 16) AS g FROM ST_Dump(t.m) d WHERE ST_Dimension(t.m) = 0
    UNION ALL
    SELECT ST_LineSubstring(d.geom, i::float8 / n, (i + 1)::float8 / n)
    FROM ST_Dump(ST_CollectionExtract(t.m, 2)) d
    CROSS JOIN LATERAL (SELECT greatest(1, ceil(ST_Length(d.geom) / $2))::int AS n) k
    CROSS JOIN LATERAL generate_series(0, k.n - 1) i
    WHERE ST_Dimension(t.m) = 1 AND ST_Length(d.geom) > 0
    UNION ALL
    SELECT s FROM ST_Subdivide(ST_CollectionExtract(t.m, 3), 64) s WHERE ST_Dimension(t.m) = 2
  ) p
)
INSERT INTO coverage_target_parts (target_id, part_no, class, required_level, admin_area_id, priority, measure, geom_m)
SELECT id, row_number() OVER (PARTITION BY id)::int, class, lvl, area_id, priority,
       CASE WHEN ST_Dimension(g) = 1 THEN ST_Length(g) ELSE ST_Area(g) END, g
FROM pieces
WHERE lvl IS NOT NULL AND NOT ST_IsEmpty(g)
RETURNING target_id
