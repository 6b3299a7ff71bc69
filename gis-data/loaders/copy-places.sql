COPY places (name, name_en, kind, geom) FROM STDIN
