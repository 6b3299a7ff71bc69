-- --replace: empties every dataset table (and, by CASCADE, rows of other parts that point at them,
-- such as camera status or computed coverage), restarting ids so a reload numbers rows the same.
TRUNCATE cameras, targets, buildings, roads, water, places, admin_areas RESTART IDENTITY CASCADE
