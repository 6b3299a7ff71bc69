// The shared browser-test fixture: a demo-county database (cloned from a template, see
// demo-database.ts), an admin with a known password, the real server on a free loopback port
// serving the built web app, and headless Chromium. One per test file.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decode as jpegDecode } from 'jpeg-js';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureInitialAdmin } from '../../../api/domain/users/initial-admin';
import { startServer, type RunningServer } from '../../../api/server';
import { launchBrowser, type LaunchOptions } from './browser';
import { createDemoDatabase, type DemoDatabase } from './demo-database';
import { ensureWebBuilt, repoRoot, webDist } from './web-build';

export const ADMIN_PASSWORD = 'browser-test-one-time-pw';
export const NEW_PASSWORD = 'browser-test-changed-pw-1';
export const ARTIFACTS = join(repoRoot, 'test-artifacts');

export interface AppFixture {
  db: DemoDatabase;
  server: RunningServer;
  context: BrowserContext;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startAppFixture(options: LaunchOptions = {}): Promise<AppFixture> {
  await ensureWebBuilt();
  const db = await createDemoDatabase();
  const before = process.env.XUELIANG_ADMIN_PASSWORD;
  process.env.XUELIANG_ADMIN_PASSWORD = ADMIN_PASSWORD;
  try {
    await ensureInitialAdmin(db.pool);
  } finally {
    if (before === undefined) delete process.env.XUELIANG_ADMIN_PASSWORD;
    else process.env.XUELIANG_ADMIN_PASSWORD = before;
  }
  const server = await startServer({ pool: db.pool, port: 0, host: '127.0.0.1', webDist });
  const browser = await launchBrowser(undefined, options);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    db,
    server,
    context: browser.context,
    baseUrl: `http://127.0.0.1:${server.port}`,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await db.drop();
    },
  };
}

/** Logs in through the UI; on the first login also replaces the one-time password. */
export async function logIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  const changeForm = page.locator('input[name=new-password]');
  const shell = page.locator('.shell');
  await Promise.race([changeForm.waitFor({ timeout: 30_000 }), shell.waitFor({ timeout: 30_000 })]);
  if (await changeForm.isVisible()) {
    await page.fill('input[name=current-password]', ADMIN_PASSWORD);
    await page.fill('input[name=new-password]', NEW_PASSWORD);
    await page.fill('input[name=new-password-again]', NEW_PASSWORD);
    await page.click('button[type=submit]');
  }
  await shell.waitFor({ timeout: 30_000 });
}

/** Logs in with the already-changed password (second and later pages of a file). */
export async function logInAgain(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', NEW_PASSWORD);
  await page.click('button[type=submit]');
  await page.locator('.shell').waitFor({ timeout: 30_000 });
}

/** Waits until the basemap loaded and the map holds camera tiles. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__xl?.mapLoaded === true && (window.__xl?.camerasInTiles ?? 0) > 0, undefined, {
    timeout: 60_000,
  });
}

/**
 * Share of the map's pixels that differ from its top-left pixel (a blank map scores ~0). Read
 * from a screenshot: the WebGL canvas keeps no drawing buffer to read back between frames.
 */
export async function drawnPixelShare(page: Page): Promise<number> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 90, clip: box });
  const { width, height, data } = jpegDecode(jpeg, { useTArray: true });
  let differ = 0;
  for (let i = 4; i < width * height * 4; i += 4) {
    if (Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!) > 24) differ++;
  }
  return differ / (width * height);
}

/** The drawn camera nearest the map's centre (away from the legend and cards at the edges). */
export async function centralCamera(page: Page): Promise<{ deviceId: string; x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const cams = await page.evaluate(() => window.__xl!.pickCameras!());
  const d = (c: { x: number; y: number }) => Math.hypot(c.x - box.width / 2, c.y - box.height / 2);
  return cams.sort((a, b) => d(a) - d(b))[0]!;
}

/**
 * Clicks the camera nearest the map's centre until its card opens, and returns that camera. On a
 * loaded machine the map may still be moving after a fly, so a single click can land beside the
 * camera it aimed at: each attempt picks the camera's position again.
 */
export async function openCentralCameraCard(page: Page, attempts = 4): Promise<{ deviceId: string; x: number; y: number }> {
  for (let i = 1; ; i++) {
    await page.waitForTimeout(1000);
    const cam = await centralCamera(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + cam.x, box.y + cam.y);
    const opened = await page
      .getByTestId('camera-card')
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (opened || i >= attempts) {
      await page.getByTestId('camera-card').waitFor({ timeout: 15_000 });
      return cam;
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export { expect };
