COPY cameras (device_id, name, type, geom, height_m, azimuth_deg, tilt_deg, resolution_h, resolution_v, hfov_deg, vfov_deg,
  sensor_width_mm, focal_length_mm, ptz_presets, install_date, removal_date, owner_unit, resource_class, onvif_url, onvif_user,
  onvif_password_enc, provenance, source, admin_area_id) FROM STDIN
