// Buildings around the proposed cameras, so the live preview clips footprints with the same
// sweep the server uses (gis-data/footprint). Fetched once per ~550 m cell from GET /buildings
// and kept projected to planar metres; a camera looks at its cell and the eight around it, which
// reaches beyond any preview level's range (monitor at 4K and 30°: about 600 m is the extreme).
import type { Obstacle } from '../../../gis-data/footprint/types';
import { get, type Schemas } from '../api/client';
import type { Projector } from './projection';

const CELL_DEG = 0.005;

type Outline = Schemas['BuildingOutline'];

export class NearbyBuildings {
  private readonly cells = new Map<string, Obstacle[] | 'loading' | 'failed'>();

  constructor(
    private readonly proj: Projector,
    private readonly onLoaded: () => void,
    private readonly fetchBox = defaultFetch,
  ) {}

  /** Buildings loaded so far around `lngLat`; starts loading the missing cells (onLoaded fires). */
  near(lngLat: [number, number]): Obstacle[] {
    const ci = Math.floor(lngLat[0] / CELL_DEG);
    const cj = Math.floor(lngLat[1] / CELL_DEG);
    const seen = new Set<number>();
    const out: Obstacle[] = [];
    for (let i = ci - 1; i <= ci + 1; i++) {
      for (let j = cj - 1; j <= cj + 1; j++) {
        const cell = this.cells.get(`${i}:${j}`);
        if (cell === undefined) this.load(i, j);
        else if (Array.isArray(cell)) {
          // A building crossing cells comes back from each; keep one copy.
          for (const b of cell)
            if (!seen.has(b.id)) {
              seen.add(b.id);
              out.push(b);
            }
        }
      }
    }
    return out;
  }

  private load(i: number, j: number): void {
    const key = `${i}:${j}`;
    this.cells.set(key, 'loading');
    const bbox: [number, number, number, number] = [i * CELL_DEG, j * CELL_DEG, (i + 1) * CELL_DEG, (j + 1) * CELL_DEG];
    this.fetchBox(bbox).then(
      (list) => {
        this.cells.set(
          key,
          list.map((b) => ({ id: b.id, heightM: b.heightM, heightAssumed: b.heightAssumed, ring: b.ring.map((p) => this.proj.toXY(p)) })),
        );
        this.onLoaded();
      },
      () => {
        // The preview then shows the open view for this cell; the server's check still clips it.
        this.cells.set(key, 'failed');
      },
    );
  }
}

async function defaultFetch(bbox: [number, number, number, number]): Promise<Outline[]> {
  const r = await get('/api/v1/buildings', { params: { query: { bbox: bbox.map((v) => v.toFixed(6)).join(',') } } });
  return r.buildings;
}
