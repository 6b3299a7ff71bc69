COPY buildings (name, kind, height_m, height_assumed, geom) FROM STDIN
