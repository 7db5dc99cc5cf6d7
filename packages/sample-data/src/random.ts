/**
 * A small seeded PRNG (sfc32) with the distributions the generator needs. Never
 * `Math.random`: the same seed must give the same shop on every machine, so everything here
 * is 32-bit integer arithmetic plus IEEE-754 doubles.
 */

/** Mixes 32-bit words into one well-spread 32-bit seed (murmur3 finaliser over each word). */
export function mixSeed(...words: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
/** exp(-mean) of the few Poisson means the generator uses, computed once. */
const poissonLimits = new Map<number, number>();

/**
 * sfc32 generator. A stream is identified by `(seed, ...keys)`, e.g. `(seed, customer, STREAM)`,
 * so each customer's data can be regenerated on its own, in any order.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  constructor(seed: number, ...keys: readonly number[]) {
    this.a = mixSeed(seed, ...keys, 1);
    this.b = mixSeed(seed, ...keys, 2);
    this.c = mixSeed(seed, ...keys, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller, the spare value is kept). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = NaN;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Gamma with the given shape and mean (Marsaglia-Tsang). */
  gamma(shape: number, mean: number): number {
    if (shape < 1) {
      // Gamma(a) = Gamma(a + 1) * U^(1/a); the scale (mean / shape) stays the same.
      const boost = Math.pow(1 - this.next(), 1 / shape);
      return this.gamma(shape + 1, ((shape + 1) * mean) / shape) * boost;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return (d * v * mean) / shape;
      }
    }
  }

  /** Poisson with the given mean (Knuth below 30, rounded normal above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let limit = poissonLimits.get(mean);
    if (limit === undefined) {
      limit = Math.exp(-mean);
      if (poissonLimits.size < 1024) poissonLimits.set(mean, limit);
    }
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Index drawn from a cumulative weight table (last entry = total weight). */
  pickCumulative(cumulative: Float64Array): number {
    const target = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Running sums of `weights`, for `Rng.pickCumulative`. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    out[i] = sum;
  }
  return out;
}
