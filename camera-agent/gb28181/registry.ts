// The camera registry as the SIP server needs it: 20-digit code → camera id and encrypted
// GB/T 28181 password. Loaded whole (100,000 cameras are a few MB) and refreshed periodically,
// so a burst of REGISTERs costs no query each. Passwords stay encrypted until a digest needs one.
import type pg from 'pg';
import { decryptSecret } from '../../db/credentials';
import { loadSql } from '../../db/sql';

const SELECT_REGISTRY = loadSql(import.meta.url, 'sql/select-registry.sql');
const SELECT_FINGERPRINT = loadSql(import.meta.url, 'sql/select-registry-fingerprint.sql');

interface Entry {
  cameraId: number;
  passwordEnc: Buffer | null;
}

export class CameraRegistry {
  private byId = new Map<string, Entry>();
  /** The registry's fingerprint when it was last read from the database (see load). */
  private fingerprint: string | null = null;
  /** Whole reads from the database (tests, diagnostics). */
  reads = 0;

  static fromRows(rows: Array<{ cameraId: number | string; deviceId: string; passwordEnc: Buffer | null }>): CameraRegistry {
    const r = new CameraRegistry();
    r.replace(rows);
    return r;
  }

  replace(rows: Array<{ cameraId: number | string; deviceId: string; passwordEnc: Buffer | null }>): void {
    const next = new Map<string, Entry>();
    for (const row of rows) next.set(row.deviceId, { cameraId: Number(row.cameraId), passwordEnc: row.passwordEnc });
    this.byId = next;
    this.fingerprint = null;
  }

  /**
   * Reads the registry again when it changed since the last read; returns whether it did. The
   * periodic refresh used to rebuild every row (40,000 objects and password buffers every 30 s,
   * part of the SIP server's heap growth); now a one-row fingerprint decides.
   */
  async load(pool: pg.Pool): Promise<boolean> {
    const fp = (await pool.query<{ count: number; hash: string }>(SELECT_FINGERPRINT)).rows[0]!;
    const fingerprint = `${fp.count}:${fp.hash}`;
    if (fingerprint === this.fingerprint) return false;
    const { rows } = await pool.query<{ cameraId: string; deviceId: string; passwordEnc: Buffer | null }>(SELECT_REGISTRY);
    this.replace(rows);
    this.fingerprint = fingerprint;
    this.reads += 1;
    return true;
  }

  get size(): number {
    return this.byId.size;
  }

  cameraId(deviceId: string): number | null {
    return this.byId.get(deviceId)?.cameraId ?? null;
  }

  /** The device's own password, else the platform default; null when neither exists. */
  password(deviceId: string, fallback: string | null): string | null {
    const enc = this.byId.get(deviceId)?.passwordEnc ?? null;
    if (enc === null) return fallback;
    try {
      return decryptSecret(enc);
    } catch {
      // An undecryptable password (key rotated away) must refuse, not fall back to the default.
      return null;
    }
  }
}
