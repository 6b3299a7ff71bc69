-- The dataset setting plus what the web app needs to open the map: the centre (of the bounds, or
-- of the cameras when no bounds are recorded), the first install date (start of the time
-- slider) and the metric SRID.
SELECT (SELECT value FROM settings WHERE key = 'dataset') AS dataset,
       (SELECT to_char(min(install_date), 'YYYY-MM-DD') FROM cameras) AS first_install_date,
       xl_metric_srid() AS metric_srid,
       (SELECT ARRAY[ST_X(ST_Centroid(ST_Extent(geom))), ST_Y(ST_Centroid(ST_Extent(geom)))] FROM cameras) AS camera_center
