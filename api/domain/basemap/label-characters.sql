-- Every non-ASCII character used in basemap labels (places, roads, admin areas), so the web
-- app can load exactly the CJK web-font subsets MapLibre will draw them with.
SELECT coalesce(string_agg(ch, '' ORDER BY ch), '') AS chars
FROM (
  SELECT DISTINCT regexp_split_to_table(name, '') AS ch
  FROM (
    SELECT name FROM places
    UNION ALL SELECT name FROM roads WHERE name IS NOT NULL
    UNION ALL SELECT name FROM admin_areas
  ) n
) c
WHERE ascii(ch) > 127
