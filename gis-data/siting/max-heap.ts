// A binary max-heap of (key, id) pairs in typed arrays, for lazy greedy. Ties go to the lower id
// so results are reproducible across runs and machines.
export class MaxHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  private above(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.ids[a]! < this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const id = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = id;
  }

  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    let at = this.size++;
    this.keys[at] = key;
    this.ids[at] = id;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.above(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  peekKey(): number {
    return this.size === 0 ? -Infinity : this.keys[0]!;
  }

  peekId(): number {
    return this.ids[0]!;
  }

  pop(): number {
    const top = this.ids[0]!;
    this.size--;
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size]!;
      this.ids[0] = this.ids[this.size]!;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let best = at;
        if (l < this.size && this.above(l, best)) best = l;
        if (r < this.size && this.above(r, best)) best = r;
        if (best === at) break;
        this.swap(at, best);
        at = best;
      }
    }
    return top;
  }
}
