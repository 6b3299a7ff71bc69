COPY roads (name, class, geom) FROM STDIN
