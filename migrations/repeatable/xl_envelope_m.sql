-- An EPSG:4326 envelope as a box in xl_metric_srid(): clipped to the world and, for a UTM zone, to
-- 45 degrees of longitude either side of its central meridian (further out the projection is
-- meaningless and can fail; no data of the city lies there), densified before the transform so
-- the box holds the envelope's curved outline. NULL when nothing is left.
CREATE OR REPLACE FUNCTION xl_envelope_m(env geometry)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH s AS (SELECT xl_metric_srid() AS srid),
  c AS (
    SELECT s.srid, ST_ClipByBox2D(ST_SetSRID(env, 4326), CASE
             WHEN s.srid BETWEEN 32601 AND 32660 OR s.srid BETWEEN 32701 AND 32760
             THEN ST_MakeEnvelope(greatest(-180, (s.srid % 100) * 6 - 183 - 45), -85.06, least(180, (s.srid % 100) * 6 - 183 + 45), 85.06, 4326)
             ELSE ST_MakeEnvelope(-180, -85.06, 180, 85.06, 4326) END) AS e
    FROM s
  )
  SELECT CASE WHEN ST_IsEmpty(c.e) THEN NULL
              ELSE ST_Envelope(ST_Transform(ST_Segmentize(c.e, greatest(ST_XMax(c.e) - ST_XMin(c.e), ST_YMax(c.e) - ST_YMin(c.e)) / 16), c.srid)) END
  FROM c
$$;
