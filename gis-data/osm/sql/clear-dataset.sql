-- Replacing the loaded area: every layer the OSM import fills, in foreign-key order.
DELETE FROM cameras;
DELETE FROM targets;
DELETE FROM roads;
DELETE FROM buildings;
DELETE FROM water;
DELETE FROM places;
DELETE FROM admin_areas;
