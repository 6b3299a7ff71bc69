// Debian's Chromium through playwright-core, headless, isolated: a fresh profile per launch,
// no background networking, no component updates, no QUIC, software rendering (no GPU).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.XUELIANG_CHROMIUM ?? '/usr/bin/chromium';

const fontFiles = (pattern: string): string[] => {
  try {
    return execFileSync('fc-list', [pattern, 'file'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .filter((f) => f !== '');
  } catch {
    return []; // no fontconfig tools: Chromium then sees no system font list either
  }
};

/**
 * A fontconfig set-up with the machine's fonts minus every font that covers Chinese, Japanese or
 * Korean (any of them draws Hanzi), so a test sees what a Debian workstation or kiosk without a
 * CJK font shows, whatever this machine has installed.
 */
function fontconfigWithoutCjk(profile: string): string {
  const cjk = new Set([':lang=zh', ':lang=ja', ':lang=ko'].flatMap(fontFiles));
  const dir = join(profile, 'fonts');
  mkdirSync(dir, { recursive: true });
  fontFiles(':').forEach((f, i) => {
    if (!cjk.has(f)) symlinkSync(f, join(dir, `${i}-${basename(f)}`));
  });
  const conf = join(profile, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dir}</dir><cachedir>${join(profile, 'fc-cache')}</cachedir></fontconfig>\n`,
  );
  return conf;
}

export interface LaunchOptions {
  /** Hide every system font that covers CJK (see fontconfigWithoutCjk). */
  withoutCjkSystemFonts?: boolean;
}

export async function launchBrowser(
  viewport = { width: 1400, height: 900 },
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'xl-chromium-'));
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  if (options.withoutCjkSystemFonts === true) env.FONTCONFIG_FILE = fontconfigWithoutCjk(profile);
  // launchPersistentContext is how playwright takes a --user-data-dir (it refuses it in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
