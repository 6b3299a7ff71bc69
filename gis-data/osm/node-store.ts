// Node coordinates in compact typed storage: 8 bytes of id + 8 bytes of coordinates per node
// (1e-7 degree fixed point, the precision OSM itself stores), so a 200 MB extract with a few
// million nodes stays in tens of megabytes instead of the ~100 bytes per node a Map would take.
export class NodeStore {
  private ids = new Float64Array(1 << 16);
  private lon7 = new Int32Array(1 << 16);
  private lat7 = new Int32Array(1 << 16);
  private n = 0;
  private sorted = true;
  private order: Uint32Array | undefined;

  get size(): number {
    return this.n;
  }

  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) this.grow();
    if (this.n > 0 && id <= this.ids[this.n - 1]!) this.sorted = false;
    this.ids[this.n] = id;
    this.lon7[this.n] = Math.round(lon * 1e7);
    this.lat7[this.n] = Math.round(lat * 1e7);
    this.n += 1;
    this.order = undefined;
  }

  /** [lon, lat] of a node, or undefined when the file lacks it (a way cut by the extract). */
  get(id: number): [number, number] | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : [this.lon7[i]! / 1e7, this.lat7[i]! / 1e7];
  }

  /** Calls fn for every node (in file order) with its slot. */
  forEach(fn: (id: number, lon: number, lat: number, slot: number) => void): void {
    for (let i = 0; i < this.n; i++) fn(this.ids[i]!, this.lon7[i]! / 1e7, this.lat7[i]! / 1e7, i);
  }

  /** Slot of a node (0 … size-1), or -1 when absent. */
  indexOf(id: number): number {
    if (this.sorted) return this.search(id, (k) => k);
    if (this.order === undefined) {
      // Files are normally sorted by id; an unsorted one gets a sorted permutation, built once.
      const order = new Uint32Array(this.n);
      for (let i = 0; i < this.n; i++) order[i] = i;
      const ids = this.ids;
      order.sort((a, b) => ids[a]! - ids[b]!);
      this.order = order;
    }
    const order = this.order;
    return this.search(id, (k) => order[k]!);
  }

  private search(id: number, at: (k: number) => number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[at(mid)]!;
      if (v === id) return at(mid);
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Float64Array(size);
    ids.set(this.ids);
    this.ids = ids;
    const lon = new Int32Array(size);
    lon.set(this.lon7);
    this.lon7 = lon;
    const lat = new Int32Array(size);
    lat.set(this.lat7);
    this.lat7 = lat;
  }
}
