import { ticks, tickIncrement } from 'd3-array';

/**
 * A linear scale with the part of d3-scale's `scaleLinear` the charts use: a two-value domain
 * and range, `nice`, `ticks` and `invert`. Why not d3-scale's: its scales carry generic
 * interpolation (d3-interpolate, which pulls d3-color) and `tickFormat` (d3-format), about
 * 7 KB gzip of the main bundle that no chart here calls. The arithmetic is d3-scale 4's, step
 * for step (normalize, then `a * (1 - t) + b * t`; the same `nice` loop), so positions are
 * identical to the last bit (test/linear-scale.test.ts compares them with d3-scale's).
 */
export interface LinearScale {
  /** The range value of `x` (a number or a Date; undefined for null or NaN, as d3's). */
  (x: number | { valueOf(): number }): number;
  domain(): number[];
  domain(domain: Iterable<number>): LinearScale;
  range(): number[];
  range(range: Iterable<number>): LinearScale;
  /** Extends the domain to round values (d3's `nice`, default 10 ticks). */
  nice(count?: number): LinearScale;
  /** Round values in the domain (d3-array's `ticks`, default 10). */
  ticks(count?: number): number[];
  /** The domain value of range value `y`. */
  invert(y: number): number;
}

/** `(x - a) / (b - a)`, or 0.5 for an empty interval (NaN if b is NaN), as d3-scale's normalize. */
function normalize(a: number, b: number): (x: number) => number {
  a = +a;
  b -= a;
  if (b) return (x) => (x - a) / b;
  const value = Number.isNaN(b) ? NaN : 0.5;
  return () => value;
}

/** d3-interpolate's interpolateNumber. */
function interpolate(a: number, b: number): (t: number) => number {
  a = +a;
  b = +b;
  return (t) => a * (1 - t) + b * t;
}

/** d3-scale's bimap: maps [d0, d1] onto [r0, r1] (a descending domain is turned around first). */
function bimap(domain: readonly number[], range: readonly number[]): (x: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const [t, value] = d1 < d0 ? [normalize(d1, d0), interpolate(r1, r0)] : [normalize(d0, d1), interpolate(r0, r1)];
  return (x) => value(t(x));
}

/** A linear scale from [0, 1] to [0, 1]; set `domain` and `range` as with d3's `scaleLinear()`. */
export function scaleLinear(): LinearScale {
  let domain: number[] = [0, 1];
  let range: number[] = [0, 1];
  let output: ((x: number) => number) | null = null;
  let input: ((y: number) => number) | null = null;

  const scale = ((value: number | { valueOf(): number }) => {
    const x = value == null ? NaN : +value;
    if (Number.isNaN(x)) return undefined as unknown as number;
    return (output ??= bimap(domain, range))(x);
  }) as LinearScale;

  function setDomain(): number[];
  function setDomain(next: Iterable<number>): LinearScale;
  function setDomain(next?: Iterable<number>): number[] | LinearScale {
    if (next === undefined) return domain.slice();
    domain = Array.from(next, Number);
    output = input = null;
    return scale;
  }
  function setRange(): number[];
  function setRange(next: Iterable<number>): LinearScale;
  function setRange(next?: Iterable<number>): number[] | LinearScale {
    if (next === undefined) return range.slice();
    range = Array.from(next);
    output = input = null;
    return scale;
  }
  scale.domain = setDomain;
  scale.range = setRange;
  scale.invert = (y) => (input ??= bimap(range, domain))(y);
  scale.ticks = (count = 10) => ticks(domain[0], domain[domain.length - 1], count);
  scale.nice = (count = 10) => {
    const d = domain.slice();
    let i0 = 0;
    let i1 = d.length - 1;
    let start = d[i0];
    let stop = d[i1];
    let prestep: number | undefined;
    let step: number;
    if (stop < start) {
      [start, stop] = [stop, start];
      [i0, i1] = [i1, i0];
    }
    for (let maxIter = 10; maxIter-- > 0; ) {
      step = tickIncrement(start, stop, count);
      if (step === prestep) {
        d[i0] = start;
        d[i1] = stop;
        return setDomain(d);
      } else if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else {
        break;
      }
      prestep = step;
    }
    return scale;
  };
  return scale;
}
