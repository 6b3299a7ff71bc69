// Response shapes the web app reads, from docs/contracts.md "## HTTP" and the route modules.
// Fields other parts may not send yet are optional; the UI shows "no data" rather than guessing.
export type CameraState = 'OK' | 'DEGRADED' | 'CLOCK_SKEW' | 'AUTH_FAILED' | 'UNREACHABLE' | 'NO_RESPONSE' | 'PROTOCOL_ERROR' | 'UNKNOWN';

export interface User {
  username: string;
  role: string;
  mustChangePassword: boolean;
}

export interface Dataset {
  name?: string;
  source?: 'generated' | 'osm' | string;
  generated?: boolean;
  bounds?: [number, number, number, number];
  attribution?: string | null;
  center?: [number, number];
  firstInstallDate?: string | null;
  metricSrid?: number;
}

export interface StatusEvent {
  cameraId: number;
  deviceId: string;
  state: CameraState;
  previousState: CameraState | null;
  since: string;
  reason: string;
}
