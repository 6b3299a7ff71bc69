-- The dataset's widest admin area (city, else county), whose code starts the SIP server's id.
SELECT code FROM admin_areas ORDER BY CASE level WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, code LIMIT 1
