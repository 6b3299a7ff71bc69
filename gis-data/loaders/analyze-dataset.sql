ANALYZE cameras, targets, buildings, roads, water, places, admin_areas
