-- Each camera and target belongs to the smallest admin area that contains it.
UPDATE cameras c SET admin_area_id = (
  SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, c.geom) ORDER BY ST_Area(a.geom) LIMIT 1);
UPDATE targets t SET admin_area_id = (
  SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(t.geom)) ORDER BY ST_Area(a.geom) LIMIT 1);
