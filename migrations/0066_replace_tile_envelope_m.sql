-- xl_tile_envelope_m (migration 0063) restated on xl_envelope_m (0065), so the projection's reach
-- is decided in one place: the tile (with its margin) is clipped to the web-mercator world first,
-- so a margin never wraps round the antimeridian.
CREATE OR REPLACE FUNCTION xl_tile_envelope_m(z integer, x integer, y integer, margin float8 DEFAULT 0)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN xl_metric_srid() = 3857 THEN ST_TileEnvelope(z, x, y, margin => margin)
              ELSE xl_envelope_m(ST_Transform(ST_ClipByBox2D(ST_TileEnvelope(z, x, y, margin => margin),
                     ST_MakeEnvelope(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244, 3857)), 4326)) END
$$;
