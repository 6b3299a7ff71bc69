COPY water (name, kind, geom) FROM STDIN
