// A simulated ONVIF camera's identity, credentials, clock and scriptable faults.
export type PictureMode = 'scene' | 'black' | 'frozen';

export interface SimFaults {
  /** Connection closed without an answer (the camera is off; one port serves every camera). */
  down?: boolean;
  /** Accepts and never answers. */
  blackHole?: boolean;
  /** Sends headers, then one byte per second, forever. */
  drip?: boolean;
  /** Answers HTML junk instead of SOAP. */
  garbage?: boolean;
  /** Answers a SOAP-looking body of this many bytes. */
  hugeBodyBytes?: number;
  /** Answers with a billion-laughs DTD. */
  doctype?: boolean;
  /** Answers a small gzip body that inflates to 16 MB (16 times the SOAP cap). */
  gzipBomb?: boolean;
  /** Answers 302 to another host. */
  redirectTo?: string;
  /** Answers bytes that are not valid UTF-8. */
  nonUtf8?: boolean;
  /** Locks the account after this many failed authentications. */
  lockAfterFailures?: number;
  /** Device clock minus real time. */
  clockSkewMs?: number;
  /** gSOAP-style refusal of the WS-Security header (mustUnderstand fault); Digest works. */
  mustUnderstandRefusal?: boolean;
  /** Ignores WS-Security; only HTTP Digest authenticates. */
  digestOnly?: boolean;
  picture?: PictureMode;
  snapshotBroken?: boolean;
  noStreamUri?: boolean;
}

export interface SimCameraInit {
  deviceId: string;
  user?: string;
  password?: string;
  model?: string;
  firmware?: string;
  serial?: string;
  faults?: SimFaults;
}

export interface SimCamera {
  deviceId: string;
  user: string;
  password: string;
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  faults: SimFaults;
  /** While Date.now() is before this, the camera is rebooting (down). */
  rebootUntil: number;
  failedAuth: number;
  locked: boolean;
  frame: number;
  requests: number;
  /** User names received in Digest headers: proves credentials never cross cameras. */
  digestUsers: Set<string>;
}

export function createSimCamera(init: SimCameraInit): SimCamera {
  const tail = init.deviceId.slice(-12);
  return {
    deviceId: init.deviceId,
    user: init.user ?? 'admin',
    password: init.password ?? 'demo-camera-pass',
    manufacturer: 'Xueliang Simulated',
    model: init.model ?? 'XL-SIM-2040',
    // Kept as strings end to end: "2.40" must not become 2.4, and the serial is 18 digits.
    firmware: init.firmware ?? '2.40',
    serial: init.serial ?? `404754${tail}`,
    faults: { picture: 'scene', ...init.faults },
    rebootUntil: 0,
    failedAuth: 0,
    locked: false,
    frame: 0,
    requests: 0,
    digestUsers: new Set(),
  };
}

export function cameraNow(camera: SimCamera): number {
  return Date.now() + (camera.faults.clockSkewMs ?? 0);
}
