-- Any admin area or camera means a dataset is loaded (npm start then skips the demo).
SELECT EXISTS (SELECT 1 FROM admin_areas) OR EXISTS (SELECT 1 FROM cameras) AS loaded
