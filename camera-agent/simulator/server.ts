// The camera simulator: one HTTP server on loopback with a path per camera
// (/onvif/<device_id>/device_service, media_service, snapshot.jpg) speaking real SOAP, and a
// control endpoint (/control/<device_id>) to script faults. Tests use the JS handle directly.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { checkDigest, checkUsernameToken, digestChallenge, type AuthVerdict } from './auth';
import { createSimCamera, type SimCamera, type SimCameraInit, type SimFaults } from './camera';
import { frames } from './frames';
import * as reply from './soap-replies';

const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetCapabilities', 'GetServices']);
let gzipBomb: Buffer | undefined;

export interface SimulatorHandle {
  port: number;
  baseUrl: string;
  cameras: Map<string, SimCamera>;
  camera(deviceId: string): SimCamera;
  add(init: SimCameraInit): SimCamera;
  setFaults(deviceId: string, faults: SimFaults): void;
  reboot(deviceId: string, downMs: number): void;
  replace(deviceId: string): void;
  deviceUrl(deviceId: string): string;
  stats: { requests: number };
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/soap+xml; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** Protocol-level faults shared by every path. Returns true when the request was handled. */
function misbehave(camera: SimCamera, req: IncomingMessage, res: ServerResponse, sockets: Set<Socket>): boolean {
  const f = camera.faults;
  if (f.down === true || Date.now() < camera.rebootUntil) {
    req.socket.destroy();
    return true;
  }
  if (f.blackHole === true) {
    sockets.add(req.socket);
    return true;
  }
  if (f.drip === true) {
    res.writeHead(200, { 'content-type': 'application/soap+xml' });
    const timer = setInterval(() => res.write('<'), 1000);
    res.on('close', () => clearInterval(timer));
    return true;
  }
  if (f.garbage === true) {
    send(res, 200, '<html><body>502 Bad Gateway<br>nginx</body></html>\x00\x01', 'text/html');
    return true;
  }
  if (f.hugeBodyBytes !== undefined) {
    res.writeHead(200, { 'content-type': 'application/soap+xml', 'transfer-encoding': 'chunked' });
    const chunk = Buffer.alloc(64 * 1024, 'A');
    let left = f.hugeBodyBytes;
    const pump = (): void => {
      while (left > 0) {
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>');
    pump();
    return true;
  }
  if (f.doctype === true) {
    send(
      res,
      200,
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>&lol2;</s:Body></s:Envelope>',
    );
    return true;
  }
  if (f.gzipBomb === true) {
    gzipBomb ??= gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 1 });
    send(res, 200, gzipBomb, 'application/soap+xml', { 'content-encoding': 'gzip' });
    return true;
  }
  if (f.redirectTo !== undefined) {
    res.writeHead(302, { location: f.redirectTo, 'content-length': 0 });
    res.end();
    return true;
  }
  if (f.nonUtf8 === true) {
    send(
      res,
      200,
      Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from('<broken'),
      ]),
    );
    return true;
  }
  return false;
}

const unescapeXml = (v: string): string =>
  v.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_m, n: string) => (({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }) as Record<string, string>)[n]!,
  );

const TOKEN_FIELDS = Object.fromEntries(
  ['Username', 'Password', 'Nonce', 'Created'].map((n) => [n, new RegExp(`<(?:[\\w-]+:)?${n}(?:\\s[^>]*)?>([^<]*)</`)]),
);

function element(xml: string, name: 'Username' | 'Password' | 'Nonce' | 'Created'): string {
  const m = TOKEN_FIELDS[name]!.exec(xml);
  return m === null ? '' : unescapeXml(m[1]!.trim());
}

/** The request's action (first Body child) and its WS-Security header, read without a full parse. */
function readRequest(xml: string): { action: string | undefined; security: string | undefined } {
  const action = /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([A-Za-z]+)/.exec(xml)?.[1];
  const sec = /<(?:[\w-]+:)?Security[\s>][\s\S]*?<\/(?:[\w-]+:)?Security>/.exec(xml)?.[0];
  return { action, security: sec };
}

function authenticate(
  camera: SimCamera,
  req: IncomingMessage,
  security: string | undefined,
): { verdict: AuthVerdict | 'challenge' | 'must-understand' } {
  if (security !== undefined && camera.faults.digestOnly !== true) {
    if (camera.faults.mustUnderstandRefusal === true) return { verdict: 'must-understand' };
    return {
      verdict: checkUsernameToken(camera, {
        username: element(security, 'Username'),
        password: element(security, 'Password'),
        nonce: element(security, 'Nonce'),
        created: element(security, 'Created'),
      }),
    };
  }
  const digest = checkDigest(camera, req.headers.authorization, req.method ?? 'POST');
  return { verdict: digest ?? 'challenge' };
}

async function handleSoap(camera: SimCamera, service: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req, 256 * 1024);
  // A regex read keeps the simulator cheap next to the agent on a 2-core machine; the agent's
  // own parser is the one under test.
  const { action, security } = readRequest(text);
  if (action === undefined) return send(res, 400, reply.soapFaultXml('Sender', 'ter:WellFormed', 'No action'));
  if (!PRE_AUTH.has(action)) {
    const { verdict } = authenticate(camera, req, security);
    if (verdict === 'must-understand')
      return send(
        res,
        500,
        reply.soapFaultXml('MustUnderstand', undefined, "The data in element 'Security' must be understood but cannot be processed"),
      );
    if (verdict === 'challenge') return send(res, 401, 'Unauthorized', 'text/plain', { 'www-authenticate': digestChallenge() });
    if (verdict === 'locked')
      return send(res, 400, reply.soapFaultXml('Sender', 'ter:NotAuthorized', 'Account locked after repeated failures'));
    if (verdict === 'refused') {
      if (req.headers.authorization !== undefined)
        return send(res, 401, 'Unauthorized', 'text/plain', { 'www-authenticate': digestChallenge() });
      return send(res, 400, reply.soapFaultXml('Sender', 'ter:NotAuthorized', 'Sender not Authorized'));
    }
  }
  const host = req.headers.host ?? '127.0.0.1';
  const base = `http://${host}/onvif/${camera.deviceId}/`;
  switch (action) {
    case 'GetSystemDateAndTime':
      return send(res, 200, reply.systemDateAndTime(camera));
    case 'GetCapabilities':
      return send(res, 200, reply.capabilities(base));
    case 'GetServices':
      return send(res, 200, reply.services(base));
    case 'GetDeviceInformation':
      return send(res, 200, reply.deviceInformation(camera));
    case 'GetProfiles':
      return send(res, 200, reply.profiles());
    case 'GetVideoSources':
      return send(res, 200, reply.videoSources());
    case 'GetStreamUri':
      if (camera.faults.noStreamUri === true)
        return send(res, 500, reply.soapFaultXml('Receiver', 'ter:ActionNotSupported', 'No stream configured'));
      return send(res, 200, reply.streamUri(host, camera.deviceId));
    case 'GetSnapshotUri':
      return send(res, 200, reply.snapshotUri(base));
    default:
      void service;
      return send(res, 400, reply.soapFaultXml('Receiver', 'ter:ActionNotSupported', `${action} is not supported`));
  }
}

function handleSnapshot(camera: SimCamera, req: IncomingMessage, res: ServerResponse): void {
  const verdict = checkDigest(camera, req.headers.authorization, 'GET');
  if (verdict !== 'ok') return send(res, 401, 'Unauthorized', 'text/plain', { 'www-authenticate': digestChallenge() });
  if (camera.faults.snapshotBroken === true) return send(res, 500, 'encoder error', 'text/plain');
  const f = frames();
  const mode = camera.faults.picture ?? 'scene';
  camera.frame += 1;
  const jpg = mode === 'black' ? f.black : mode === 'frozen' ? f.scene[3]! : f.scene[camera.frame % f.scene.length]!;
  send(res, 200, jpg, 'image/jpeg');
}

async function handleControl(
  handle: SimulatorHandle,
  deviceId: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (deviceId === undefined) {
    const list = [...handle.cameras.values()].map((c) => ({
      deviceId: c.deviceId,
      faults: c.faults,
      locked: c.locked,
      rebooting: Date.now() < c.rebootUntil,
    }));
    return send(res, 200, JSON.stringify({ cameras: list }), 'application/json');
  }
  if (!handle.cameras.has(deviceId)) return send(res, 404, JSON.stringify({ error: `unknown camera ${deviceId}` }), 'application/json');
  const cmd = JSON.parse((await readBody(req, 16 * 1024)) || '{}') as {
    faults?: SimFaults;
    reset?: boolean;
    reboot?: number;
    replace?: boolean;
    password?: string;
    firmware?: string;
    unlock?: boolean;
  };
  const cam = handle.camera(deviceId);
  if (cmd.reset === true) cam.faults = { picture: 'scene' };
  if (cmd.faults !== undefined) handle.setFaults(deviceId, cmd.faults);
  if (cmd.reboot !== undefined) handle.reboot(deviceId, cmd.reboot);
  if (cmd.replace === true) handle.replace(deviceId);
  if (cmd.password !== undefined) cam.password = cmd.password;
  if (cmd.firmware !== undefined) cam.firmware = cmd.firmware;
  if (cmd.unlock === true) {
    cam.locked = false;
    cam.failedAuth = 0;
  }
  send(res, 200, JSON.stringify({ deviceId, faults: cam.faults, locked: cam.locked }), 'application/json');
}

export async function startSimulator(options: { port?: number; host?: string; cameras?: SimCameraInit[] } = {}): Promise<SimulatorHandle> {
  // Encode the JPEG frames now, not inside the first snapshot request's deadline.
  frames();
  const cameras = new Map<string, SimCamera>();
  for (const init of options.cameras ?? []) cameras.set(init.deviceId, createSimCamera(init));
  const held = new Set<Socket>();
  const all = new Set<Socket>();
  const stats = { requests: 0 };
  const host = options.host ?? '127.0.0.1';
  const handle: SimulatorHandle = {
    port: 0,
    baseUrl: '',
    cameras,
    stats,
    camera(deviceId) {
      const c = cameras.get(deviceId);
      if (c === undefined) throw new Error(`unknown simulated camera ${deviceId}`);
      return c;
    },
    add(init) {
      const c = createSimCamera(init);
      cameras.set(init.deviceId, c);
      return c;
    },
    setFaults(deviceId, faults) {
      const c = handle.camera(deviceId);
      c.faults = { ...c.faults, ...faults };
    },
    reboot(deviceId, downMs) {
      handle.camera(deviceId).rebootUntil = Date.now() + downMs;
    },
    replace(deviceId) {
      const c = handle.camera(deviceId);
      c.serial = `${c.serial.slice(0, 6)}${String(Date.now()).slice(-12)}`;
    },
    deviceUrl(deviceId) {
      return `${handle.baseUrl}/onvif/${deviceId}/device_service`;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of all) s.destroy();
      });
    },
  };
  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    const path = (req.url ?? '/').split('?')[0]!;
    const m = /^\/onvif\/([0-9A-Za-z_-]+)\/([a-z_.]+)$/.exec(path);
    const control = /^\/control(?:\/([0-9A-Za-z_-]+))?$/.exec(path);
    const fail = (): void => {
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
    };
    if (control !== null) return void handleControl(handle, control[1], req, res).catch(fail);
    const camera = m === null ? undefined : cameras.get(m[1]!);
    if (camera === undefined || m === null) return send(res, 404, 'not found', 'text/plain');
    camera.requests += 1;
    if (misbehave(camera, req, res, held)) return;
    if (m[2] === 'snapshot.jpg') return handleSnapshot(camera, req, res);
    if (m[2] === 'device_service' || m[2] === 'media_service' || m[2] === 'event_service')
      return void handleSoap(camera, m[2], req, res).catch(fail);
    send(res, 404, 'not found', 'text/plain');
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    all.add(s);
    s.on('close', () => {
      all.delete(s);
      held.delete(s);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  handle.port = (server.address() as { port: number }).port;
  handle.baseUrl = `http://${host}:${handle.port}`;
  return handle;
}
