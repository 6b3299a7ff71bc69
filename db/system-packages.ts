// Makes sure the machine has PostgreSQL, PostGIS and (for the tests) Chromium and poppler-utils, installing
// Debian packages when we are root or have password-less sudo, and otherwise stopping with the
// exact command a person has to run. Nothing here touches a running system cluster.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { UserFacingError } from './errors';

const PG_LIB = '/usr/lib/postgresql';

/** Majors of PostgreSQL installed under Debian's layout, newest first. */
export function installedPostgresMajors(): number[] {
  if (!existsSync(PG_LIB)) return [];
  return readdirSync(PG_LIB)
    .map(Number)
    .filter((major) => Number.isInteger(major) && existsSync(`${PG_LIB}/${major}/bin/postgres`))
    .sort((a, b) => b - a);
}

export function postgresBinDir(major: number): string {
  return `${PG_LIB}/${major}/bin`;
}

export function hasPostgis(major: number): boolean {
  const extDir = `/usr/share/postgresql/${major}/extension`;
  return existsSync(extDir) && readdirSync(extDir).some((f) => /^postgis--\d.*\.sql$/.test(f));
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function canSudo(): boolean {
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

let aptUpdated = false;

/** Installs Debian packages as root (or through password-less sudo), or explains what to run. */
export function aptInstall(packages: string[], why: string): void {
  const prefix = isRoot() ? [] : canSudo() ? ['sudo', '-n'] : null;
  const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
  if (prefix === null) {
    throw new UserFacingError(`${why} is missing and this user cannot install packages.\nRun:\n  ${manual}\nthen run the command again.`);
  }
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, ...args];
    const res = spawnSync(cmd!, rest, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return res.status === 0;
  };
  console.log(`• Installing ${packages.join(', ')} (${why})…`);
  if (!aptUpdated) {
    aptUpdated = run(['apt-get', 'update', '-qq']);
  }
  if (!run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])) {
    throw new UserFacingError(`Installing ${packages.join(' ')} failed (see apt's message above). Try by hand:\n  ${manual}`);
  }
}

/** Ensures PostgreSQL server binaries and the matching PostGIS package; returns the major used. */
export function ensurePostgresWithPostgis(): number {
  let majors = installedPostgresMajors();
  if (majors.length === 0) {
    aptInstall(['postgresql', 'postgresql-contrib'], 'PostgreSQL server');
    majors = installedPostgresMajors();
    if (majors.length === 0)
      throw new UserFacingError('PostgreSQL was installed but no server binary was found under /usr/lib/postgresql.');
  }
  const major = majors[0]!;
  if (!hasPostgis(major)) {
    aptInstall([`postgresql-${major}-postgis-3`], `PostGIS for PostgreSQL ${major}`);
    if (!hasPostgis(major)) throw new UserFacingError(`postgresql-${major}-postgis-3 was installed but PostGIS files are missing.`);
  }
  return major;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Ensures Debian's Chromium for the browser tests; returns its path. */
export function ensureChromium(): string {
  const override = process.env.XUELIANG_CHROMIUM;
  if (override !== undefined && override !== '') return override;
  if (!existsSync(CHROMIUM_PATH)) aptInstall(['chromium'], 'Chromium for the browser tests');
  return CHROMIUM_PATH;
}

export const POPPLER_BIN = '/usr/bin';

/**
 * Ensures Debian's poppler-utils (pdffonts, pdftotext, pdfinfo) for the tests that read the
 * coverage report's PDF as any reader would; returns the folder of the binaries.
 */
export function ensurePoppler(): string {
  const override = process.env.XUELIANG_POPPLER_BIN;
  if (override !== undefined && override !== '') return override;
  if (!existsSync(`${POPPLER_BIN}/pdffonts`) || !existsSync(`${POPPLER_BIN}/pdftotext`))
    aptInstall(['poppler-utils'], 'poppler-utils (pdffonts, pdftotext) for the PDF report tests');
  return POPPLER_BIN;
}

export const SIPP_PATH = '/usr/bin/sipp';

/** Ensures SIPp (Debian's sip-tester), the independent SIP implementation the GB/T 28181 tests drive; returns its path. */
export function ensureSipp(): string {
  const override = process.env.XUELIANG_SIPP;
  if (override !== undefined && override !== '') return override;
  if (!existsSync(SIPP_PATH)) aptInstall(['sip-tester'], 'SIPp (sip-tester) for the GB/T 28181 interoperability tests');
  return SIPP_PATH;
}
