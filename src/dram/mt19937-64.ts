// std::mt19937_64 (C++11 [rand.predef]; Matsumoto & Nishimura 64-bit Mersenne Twister) and
// libstdc++'s std::uniform_int_distribution<uint64_t>, so `--pattern rand --seed 42` draws the
// same addresses as the reference runs (reference_runs_params.json: mt19937_64 seeded 42,
// g++ 12). The state is kept as 32-bit halves in typed arrays: no BigInt in the hot path.

const N = 312;
const M = 156;
const MATRIX_A_HI = 0xb5026f5a;
const MATRIX_A_LO = 0xa96619e9;

export class Mt19937_64 {
  private readonly hi = new Uint32Array(N);
  private readonly lo = new Uint32Array(N);
  private index = N;
  /** Halves of the last output of next(). */
  outHi = 0;
  outLo = 0;

  constructor(seed: number | bigint = 5489n) {
    // Seeding needs 64-bit multiplication; 312 steps, so BigInt is fine here.
    const mask = (1n << 64n) - 1n;
    let x = BigInt(seed) & mask;
    for (let i = 0; i < N; i++) {
      if (i > 0) x = (6364136223846793005n * (x ^ (x >> 62n)) + BigInt(i)) & mask;
      this.hi[i] = Number(x >> 32n);
      this.lo[i] = Number(x & 0xffffffffn);
    }
  }

  /** Advance; the 64-bit output is left in outHi/outLo. */
  next(): void {
    if (this.index >= N) this.twist();
    let hi = this.hi[this.index];
    let lo = this.lo[this.index];
    this.index++;
    // x ^= (x >> 29) & 0x5555555555555555
    lo ^= (((lo >>> 29) | (hi << 3)) >>> 0) & 0x55555555;
    hi ^= (hi >>> 29) & 0x55555555;
    // x ^= (x << 17) & 0x71D67FFFEDA60000
    const h17 = ((hi << 17) | (lo >>> 15)) >>> 0;
    const l17 = (lo << 17) >>> 0;
    hi ^= h17 & 0x71d67fff;
    lo ^= l17 & 0xeda60000;
    // x ^= (x << 37) & 0xFFF7EEE000000000
    hi ^= (lo << 5) & 0xfff7eee0;
    // x ^= x >> 43
    lo ^= hi >>> 11;
    this.outHi = hi >>> 0;
    this.outLo = lo >>> 0;
  }

  /** The next output as a BigInt (for tests and odd ranges). */
  nextBigInt(): bigint {
    this.next();
    return (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
  }

  private twist(): void {
    const hi = this.hi;
    const lo = this.lo;
    for (let i = 0; i < N; i++) {
      const j = i + 1 === N ? 0 : i + 1;
      const k = (i + M) % N;
      // x = upper 33 bits of mt[i] | lower 31 bits of mt[i+1]
      const xHi = hi[i];
      const xLo = ((lo[i] & 0x80000000) | (lo[j] & 0x7fffffff)) >>> 0;
      let aHi = xHi >>> 1;
      let aLo = ((xLo >>> 1) | (xHi << 31)) >>> 0;
      if (xLo & 1) {
        aHi ^= MATRIX_A_HI;
        aLo ^= MATRIX_A_LO;
      }
      hi[i] = (hi[k] ^ aHi) >>> 0;
      lo[i] = (lo[k] ^ aLo) >>> 0;
    }
    this.index = 0;
  }
}

/**
 * libstdc++ (GCC ≥ 11) uniform_int_distribution<uint64_t>(0, range − 1) over mt19937_64:
 * Lemire's method with a 128-bit product, result = (g · range) >> 64, redrawing while the low
 * half is below 2^64 mod range. A power-of-two range never redraws and is a plain shift.
 */
export class UniformIndex {
  private readonly bits: number;
  private readonly bigRange: bigint;
  private readonly threshold: bigint;

  constructor(
    private readonly gen: Mt19937_64,
    readonly range: number,
  ) {
    if (!Number.isInteger(range) || range < 1 || range > 2 ** 53) throw new RangeError(`range must be an integer in [1, 2^53], got ${range}`);
    this.bits = Number.isInteger(Math.log2(range)) ? Math.log2(range) : -1;
    this.bigRange = BigInt(range);
    this.threshold = ((1n << 64n) - this.bigRange) % this.bigRange;
  }

  next(): number {
    const g = this.gen;
    if (this.bits === 0) {
      g.next();
      return 0;
    }
    if (this.bits > 0) {
      g.next();
      const k = this.bits;
      if (k <= 32) return g.outHi >>> (32 - k);
      return g.outHi * 2 ** (k - 32) + Math.floor(g.outLo / 2 ** (64 - k));
    }
    const mask = (1n << 64n) - 1n;
    for (;;) {
      const product = g.nextBigInt() * this.bigRange;
      if ((product & mask) >= this.threshold) return Number(product >> 64n);
    }
  }
}
