// Response shapes the web app reads, from docs/contracts.md "## HTTP" and the route modules.
// Fields other parts may not send yet are optional; the UI shows "no data" rather than guessing.
import type { StatusState } from '../../../vocabulary/camera-health';

/** A camera's state as the health vocabulary names it (vocabulary/camera-health.ts); UNKNOWN = never polled. */
export type CameraState = StatusState;

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
