SELECT
  (SELECT count(*) FROM roads)::int AS roads,
  (SELECT count(*) FROM buildings)::int AS buildings,
  (SELECT count(*) FILTER (WHERE height_assumed) FROM buildings)::int AS buildings_height_assumed,
  (SELECT count(*) FROM water)::int AS water,
  (SELECT count(*) FROM places)::int AS places,
  (SELECT count(*) FROM admin_areas)::int AS admin_areas,
  (SELECT count(*) FROM cameras)::int AS cameras,
  (SELECT count(*) FROM cameras WHERE azimuth_deg IS NOT NULL)::int AS cameras_with_direction,
  (SELECT count(*) FROM targets WHERE class = 'road')::int AS target_roads,
  (SELECT count(*) FROM targets WHERE class = 'intersection')::int AS target_intersections,
  (SELECT count(*) FROM targets WHERE class = 'crowded_place')::int AS target_crowded_places,
  (SELECT coalesce(sum(ST_Length(geom::geography)), 0) / 1000 FROM roads WHERE class = ANY ($1::text[]))::float8 AS main_road_km,
  (SELECT coalesce(sum(ST_Length(geom::geography)), 0) / 1000 FROM targets WHERE class = 'road')::float8 AS target_road_km
