-- A tile's envelope (with a margin, in tile units as ST_TileEnvelope takes it) as a box in
-- xl_metric_srid(), for selecting what is stored in metres (footprints, blind spots, parts). The
-- tile is clipped to the web-mercator world first (a margin must not wrap round the antimeridian)
-- and then handed to xl_envelope_m, so the projection's reach is decided in one place. NULL when
-- nothing of the tile is left.
CREATE OR REPLACE FUNCTION xl_tile_envelope_m(z integer, x integer, y integer, margin float8 DEFAULT 0)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN xl_metric_srid() = 3857 THEN ST_TileEnvelope(z, x, y, margin => margin)
              ELSE xl_envelope_m(ST_Transform(ST_ClipByBox2D(ST_TileEnvelope(z, x, y, margin => margin),
                     ST_MakeEnvelope(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244, 3857)), 4326)) END
$$;
