-- One page of the computed ranked list (pieces-as-of.sql's pieces, already ranked, judged and
-- filtered): what the list shows of each piece, as the stored list gives it.
-- $1 EWKB pieces (metric), $2 target ids, $3 admin area ids (NULL: none): parallel arrays in rank order.
SELECT u.n::int AS n, tg.name AS target_name, a.code AS area_code, a.name AS area_name,
       xl_export_geojson(u.g) AS geometry,
       ST_X(ST_Transform(ST_PointOnSurface(u.g), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(u.g), 4326)) AS lat
FROM (
  SELECT ST_GeomFromEWKB(p.g) AS g, p.target_id, p.area_id, p.n
  FROM unnest($1::bytea[], $2::bigint[], $3::int[]) WITH ORDINALITY AS p(g, target_id, area_id, n)
) u
JOIN targets tg ON tg.id = u.target_id
LEFT JOIN admin_areas a ON a.id = u.area_id
ORDER BY u.n
