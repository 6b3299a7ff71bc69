-- UTM zone EPSG code for a WGS-84 longitude/latitude.
CREATE OR REPLACE FUNCTION xl_utm_srid(lon double precision, lat double precision) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN lat >= 0 THEN 32600 ELSE 32700 END) + least(60, greatest(1, floor((lon + 180) / 6)::integer + 1))
$$;
