-- Building outlines in a lon/lat box ($1..$4), one row per polygon part, repaired when invalid,
-- with the height used for occlusion (the settings' default when unknown, and marked assumed).
SELECT b.id::int AS id, coalesce(b.height_m, $6::float8) AS height_m, (b.height_assumed OR b.height_m IS NULL) AS height_assumed,
  ST_AsGeoJSON(ST_ExteriorRing(d.geom), 7) AS ring
FROM buildings b
CROSS JOIN LATERAL ST_Dump(CASE WHEN ST_IsValid(b.geom) THEN b.geom ELSE ST_CollectionExtract(ST_MakeValid(b.geom), 3) END) d
WHERE b.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND GeometryType(d.geom) = 'POLYGON'
ORDER BY b.id
LIMIT $5
