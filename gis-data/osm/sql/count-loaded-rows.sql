SELECT (SELECT count(*) FROM roads) + (SELECT count(*) FROM buildings) + (SELECT count(*) FROM cameras)
     + (SELECT count(*) FROM targets) + (SELECT count(*) FROM admin_areas) AS n
