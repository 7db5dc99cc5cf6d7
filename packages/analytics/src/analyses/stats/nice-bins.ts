/**
 * Equal-width histogram bins on "nice" edges (multiples of 1, 2 or 5 × 10^k), as d3's bin with
 * a niced domain: the step is the nice number closest to (max - min) / target, the first edge
 * is min rounded down to a multiple of the step and the last max rounded up, so the bins cover
 * every value; the domain is re-niced until the step settles. Edges are integers × step (or
 * integers / (1 / step) for steps below 1), so 0.1-wide bins have edges like 0.3, not
 * 0.30000000000000004.
 */
export interface NiceBins {
  /** Number of bins (>= 1). */
  readonly count: number;
  /** The bin width. */
  readonly step: number;
  /** The left edge of bin i (i = count gives the right edge of the last bin). */
  edge(i: number): number;
  /** The bin of value v: `edge(i) <= v < edge(i + 1)`, the last bin also taking its right edge. */
  binOf(v: number): number;
}

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/**
 * d3-array's tickIncrement: the nice step for about `count` ticks over [start, stop] as a
 * positive integer (the step) or a negative integer -m (the step is 1 / m).
 */
export function tickIncrement(start: number, stop: number, count: number): number {
  const step = (stop - start) / Math.max(1, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/** Sturges' rule: ceil(log2 n) + 1 bins (1 for a single value). */
export function sturges(n: number): number {
  return n <= 1 ? 1 : Math.ceil(Math.log2(n)) + 1;
}

/** About `target` nice bins covering [min, max] (min <= max, both finite). */
export function niceBins(min: number, max: number, target: number): NiceBins {
  let inc = min === max ? 1 : tickIncrement(min, max, target);
  let lo = 0;
  let hi = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = scaled(inc);
    lo = snap(next.toUnits(min), Math.floor);
    hi = snap(next.toUnits(max), Math.ceil);
    if (hi === lo) hi = lo + 1;
    const again = min === max ? inc : tickIncrement(next.fromUnits(lo), next.fromUnits(hi), target);
    if (again === inc) break;
    inc = again;
  }
  const { toUnits, fromUnits } = scaled(inc);
  const count = hi - lo;
  const edge = (i: number) => fromUnits(lo + i);
  return {
    count,
    step: inc > 0 ? inc : 1 / -inc,
    edge,
    binOf(v) {
      let i = Math.floor(toUnits(v)) - lo;
      if (i < 0) i = 0;
      if (i > count - 1) i = count - 1;
      while (i > 0 && v < edge(i)) i--;
      while (i < count - 1 && v >= edge(i + 1)) i++;
      return i;
    },
  };
}

function scaled(inc: number): { toUnits(v: number): number; fromUnits(u: number): number } {
  return inc > 0 ? { toUnits: (v) => v / inc, fromUnits: (u) => u * inc } : { toUnits: (v) => v * -inc, fromUnits: (u) => u / -inc };
}

/** The nearest integer when u is one but for float noise (0.3 × 10 = 3.0000000000000004), else u rounded by `direction`. */
function snap(u: number, direction: (x: number) => number): number {
  const nearest = Math.round(u);
  return Math.abs(u - nearest) <= 1e-9 * Math.max(1, Math.abs(u)) ? nearest : direction(u);
}
