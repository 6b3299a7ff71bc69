// Rasterises glyph ranges off the API's event loop: a range takes 0.3-2 s of CPU the first
// time (the Latin range most), which would stall every other request meanwhile.
import { parentPort } from 'node:worker_threads';
import { glyphRange } from './glyphs';

parentPort?.on('message', (start: number) => {
  try {
    const r = glyphRange(start);
    parentPort?.postMessage({ start, pbf: r.pbf, etag: r.etag, glyphCount: r.glyphCount });
  } catch (e) {
    parentPort?.postMessage({ start, error: e instanceof Error ? e.message : String(e) });
  }
});
