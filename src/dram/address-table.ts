// A small open-addressing hash table from byte address to transaction id, on typed arrays:
// the controller looks up pending reads and writes by address for every request, and a JS
// Map there costs allocations and rehashing in the hot path. Linear probing with
// backward-shift deletion (no tombstones), so a long run never degrades.

const EMPTY = -1;

export class AddressTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 64) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  private slot(key: number): number {
    // Multiplicative hash of the low 32 bits, with the high bits folded in above 4 GiB.
    const lo = key < 4294967296 ? key >>> 0 : (key % 4294967296) >>> 0;
    const hi = key < 4294967296 ? 0 : Math.floor(key / 4294967296) | 0;
    const h = Math.imul(lo ^ (lo >>> 16) ^ hi, 0x9e3779b1);
    return (h ^ (h >>> 15)) & this.mask;
  }

  /** The id stored for `key`, or -1. */
  get(key: number): number {
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const v = this.values[i];
      if (v === EMPTY) return EMPTY;
      if (this.keys[i] === key) return v;
    }
  }

  has(key: number): boolean {
    return this.get(key) !== EMPTY;
  }

  /** Insert or overwrite. */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.rehash(this.values.length * 2);
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      if (this.values[i] === EMPTY) {
        this.keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
      if (this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
    }
  }

  delete(key: number): void {
    let i = this.slot(key);
    for (; ; i = (i + 1) & this.mask) {
      if (this.values[i] === EMPTY) return;
      if (this.keys[i] === key) break;
    }
    // Backward-shift: move later entries of the probe run into the hole.
    let hole = i;
    for (let j = (i + 1) & this.mask; this.values[j] !== EMPTY; j = (j + 1) & this.mask) {
      const home = this.slot(this.keys[j]);
      // Entry j may fill the hole if its home is not cyclically in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        this.keys[hole] = this.keys[j];
        this.values[hole] = this.values[j];
        hole = j;
      }
    }
    this.values[hole] = EMPTY;
    this.size--;
  }

  private rehash(capacity: number): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.set(keys[i], values[i]);
  }
}
