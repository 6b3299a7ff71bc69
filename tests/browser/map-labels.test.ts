// Map labels with the punctuation of Chinese names: full-width brackets ("（演示）"), the middle
// dot and dashes must draw, not leave gaps. Three test places are put in an empty corner of the
// demo county; each label's text is screenshotted with the label layer shown and hidden, and the
// pixels that change are counted. A name of one private-use character (no font has it) is the
// control: it proves the count sees the text only, not the place's dot icon.
import type { Page, Response } from 'playwright-core';
import { decode as jpegDecode } from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

// Opening brackets: their ink sits on the right of the em box, which the browser-font path crops away.
const BRACKETS = '（（（（';
const DOTS = '·—·';
const CONTROL = '\uE000';
const METRES_PER_DEGREE_LAT = 111_320;

/** Pixels that differ between two JPEG screenshots of the same box. */
function changedPixels(a: Buffer, b: Buffer): number {
  const x = jpegDecode(a, { useTArray: true });
  const y = jpegDecode(b, { useTArray: true });
  let n = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    if (Math.abs(x.data[i]! - y.data[i]!) + Math.abs(x.data[i + 1]! - y.data[i + 1]!) + Math.abs(x.data[i + 2]! - y.data[i + 2]!) > 60) n++;
  }
  return n;
}

describe('map labels', () => {
  let fx: AppFixture;
  let page: Page;
  let spot: [number, number];
  const glyphBytes = new Map<string, number>();
  beforeAll(async () => {
    fx = await startAppFixture();
    // The point of the county farthest from any place, so nothing else competes for label space.
    const { rows } = await fx.db.pool.query<{ lon: number; lat: number }>(
      `WITH e AS (SELECT ST_Extent(geom) AS b FROM places),
            g AS (SELECT ST_SetSRID(ST_MakePoint(ST_XMin(b) + (ST_XMax(b) - ST_XMin(b)) * i / 40.0, ST_YMin(b) + (ST_YMax(b) - ST_YMin(b)) * j / 40.0), 4326) AS p
                  FROM e, generate_series(4, 36) i, generate_series(4, 36) j)
       SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM g
       ORDER BY (SELECT min(ST_Distance(g.p::geography, pl.geom::geography)) FROM places pl) DESC LIMIT 1`,
    );
    spot = [rows[0]!.lon, rows[0]!.lat];
    const dy = 120 / METRES_PER_DEGREE_LAT;
    await fx.db.pool.query(
      `INSERT INTO places (name, name_en, kind, geom) VALUES
         ($1, $1, 'village', ST_SetSRID(ST_MakePoint($4::float8, $5::float8 + $6::float8), 4326)),
         ($2, $2, 'village', ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326)),
         ($3, $3, 'village', ST_SetSRID(ST_MakePoint($4::float8, $5::float8 - $6::float8), 4326))`,
      [BRACKETS, DOTS, CONTROL, spot[0], spot[1], dy],
    );
    page = await fx.context.newPage();
    page.on('response', (r: Response) => {
      const m = /\/api\/v1\/glyphs\/[^/]+\/(\d+-\d+)\.pbf/.exec(r.url());
      if (m !== null && r.status() === 200)
        void r
          .body()
          .then((b) => glyphBytes.set(m[1]!, b.length))
          .catch(() => undefined);
    });
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.evaluate((ll) => window.__xl!.flyTo!(ll, 17), spot);
    await page.waitForFunction(
      (names) => {
        const placed = window.__xl?.placedPlaceLabels?.().map((l) => l.name) ?? [];
        return names.every((n) => placed.includes(n));
      },
      [BRACKETS, DOTS, CONTROL],
      { timeout: 30_000 },
    );
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function textPixels(name: string): Promise<number> {
    const label = (await page.evaluate(() => window.__xl!.placedPlaceLabels!())).find((l) => l.name === name)!;
    const box = (await page.getByTestId('map').boundingBox())!;
    // The text hangs below the place's dot (text-anchor top, offset 0.9 em of 12 px).
    const clip = { x: box.x + label.x - 40, y: box.y + label.y + 9, width: 80, height: 22 };
    const shown = await page.screenshot({ type: 'jpeg', quality: 95, clip });
    await page.evaluate(() => window.__xl!.setBasemapLayerVisible!('place-labels', false));
    const hidden = await page.screenshot({ type: 'jpeg', quality: 95, clip });
    await page.evaluate(() => window.__xl!.setBasemapLayerVisible!('place-labels', true));
    return changedPixels(shown, hidden);
  }

  it('draws full-width brackets, which Chinese place names use for qualifiers like "（演示）"', async () => {
    await screenshot(page, 'map-labels-punctuation');
    const control = await textPixels(CONTROL);
    const brackets = await textPixels(BRACKETS);
    expect(control).toBeLessThan(5);
    expect(brackets).toBeGreaterThan(40);
  });

  it('draws the middle dot and the dash from the server glyph ranges, which arrive with glyphs in them', async () => {
    expect(await textPixels(DOTS)).toBeGreaterThan(15);
    // Empty ranges encode to a few dozen bytes; these hold Latin and general punctuation.
    expect(glyphBytes.get('0-255') ?? 0).toBeGreaterThan(10_000);
    expect(glyphBytes.get('8192-8447') ?? 0).toBeGreaterThan(1_000);
    // The full-width brackets came from the server's range too, with glyphs in it.
    expect(glyphBytes.get('65280-65535') ?? 0).toBeGreaterThan(5_000);
  });

  it('serves the full-width and CJK punctuation ranges with an ETag, so a browser revalidates instead of downloading again', async () => {
    for (const range of ['65280-65535', '12288-12543']) {
      const url = `${fx.baseUrl}/api/v1/glyphs/${encodeURIComponent('Noto Sans SC')}/${range}.pbf`;
      const first = await page.request.get(url);
      expect(first.status()).toBe(200);
      expect((await first.body()).length).toBeGreaterThan(5_000);
      const etag = first.headers().etag!;
      // Weak once gzip re-encodes the body; still a validator.
      expect(etag).toMatch(/^(W\/)?".+"$/);
      const again = await page.request.get(url, { headers: { 'If-None-Match': etag } });
      expect(again.status()).toBe(304);
    }
  });
});
