-- The notes' best known method, as the reference in the same run: per whole target, a GiST
-- search for the footprints that touch it, ST_Union of those (unclipped), then ST_Difference.
-- Same footprints and discs as the engine; results go to a scratch table.
INSERT INTO bench_baseline (target_id, covered, uncovered_m)
SELECT t.id, CASE WHEN ST_Dimension(t.g) = 1 THEN ST_Length(t.g) - ST_Length(d.g) ELSE ST_Area(t.g) - ST_Area(d.g) END, d.g
FROM (
  SELECT x.id, x.lvl, CASE WHEN ST_Dimension(x.m) = 0 THEN ST_Buffer(x.m, $2, 16) ELSE x.m END AS g
  FROM (SELECT t.id, t.required_level AS lvl, ST_Transform(t.geom, xl_metric_srid()) AS m FROM targets t WHERE t.id = ANY ($1::bigint[])) x
) t
LEFT JOIN LATERAL (
  SELECT ST_Union(f.geom_m) AS u FROM camera_footprints f JOIN cameras c ON c.id = f.camera_id
  WHERE f.level = t.lvl AND f.occluded AND f.geom_m && t.g AND ST_Intersects(f.geom_m, t.g)
    AND (c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
) u ON true
CROSS JOIN LATERAL (SELECT CASE WHEN u.u IS NULL THEN t.g ELSE ST_Difference(t.g, u.u) END AS g OFFSET 0) d
