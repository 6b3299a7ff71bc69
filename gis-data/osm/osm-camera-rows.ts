// OSM surveillance nodes → rows for the cameras table (ids derived, optics defaulted and marked).
import { osmCameraFields } from '../ledger/osm-camera-tags';
import { deriveOsmDeviceIds } from '../ledger/osm-device-id';
import type { CameraNode } from './extract-features';

export function osmCamerasToRows(cams: readonly CameraNode[], adminCode: string): object[] {
  const ids = deriveOsmDeviceIds(
    cams.map((c) => c.osmId),
    adminCode,
  );
  return cams.map((c) => {
    const f = osmCameraFields(c.tags);
    return {
      device_id: ids.get(c.osmId)!,
      // The OSM id stays visible in the name and in provenance.osm, since the device id is derived.
      name: `${c.tags.name ?? 'OSM camera'} (osm node/${c.osmId})`,
      type: f.type,
      lon: c.lon,
      lat: c.lat,
      height_m: f.heightM,
      azimuth_deg: f.azimuthDeg ?? null,
      tilt_deg: f.tiltDeg ?? null,
      hfov_deg: f.hfovDeg,
      vfov_deg: f.vfovDeg,
      ptz_presets: f.ptzPresets,
      provenance: {
        ...f.provenance,
        device_id: 'assumed',
        resolution_h: 'assumed',
        resolution_v: 'assumed',
        osm: { id: `node/${c.osmId}`, tags: f.osmTags },
      },
    };
  });
}
