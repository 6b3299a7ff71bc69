// Node references of every way, concatenated in one growable Float64Array (8 bytes per ref),
// because multipolygon relations arrive after the ways and may use untagged member ways.
export class WayStore {
  private ids = new Float64Array(1 << 12);
  private starts = new Uint32Array(1 << 12);
  private refs = new Float64Array(1 << 16);
  private n = 0;
  private refCount = 0;
  private index: Map<number, number> | undefined;

  get size(): number {
    return this.n;
  }

  add(id: number, refs: readonly number[]): void {
    if (this.n + 1 >= this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const st = new Uint32Array(this.starts.length * 2);
      st.set(this.starts);
      this.starts = st;
    }
    while (this.refCount + refs.length > this.refs.length) {
      const r = new Float64Array(this.refs.length * 2);
      r.set(this.refs);
      this.refs = r;
    }
    this.ids[this.n] = id;
    this.starts[this.n] = this.refCount;
    for (const ref of refs) this.refs[this.refCount++] = ref;
    this.n += 1;
    this.starts[this.n] = this.refCount;
    this.index = undefined;
  }

  refsOf(id: number): Float64Array | undefined {
    if (this.index === undefined) {
      // Only relation members are looked up, so a Map of way id → slot is cheap enough.
      this.index = new Map();
      for (let i = 0; i < this.n; i++) this.index.set(this.ids[i]!, i);
    }
    const i = this.index.get(id);
    return i === undefined ? undefined : this.refs.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

  forEachRef(fn: (ref: number) => void): void {
    for (let i = 0; i < this.refCount; i++) fn(this.refs[i]!);
  }
}
