import { scaleLinear, scaleSymlog } from 'd3-scale';
import type { Row } from '@clvkit/core';
import type { Key } from '../interactions/toggle-values.js';
import { readKey, readNumber, type Accessor } from './accessor.js';

/** How an axis maps values: linear, or logarithmic (a symmetric log, so zeros are drawn). */
export type AxisScaleKind = 'linear' | 'log';

/** One drawable point of a scatter: a row with finite x and y. */
export interface ScatterPoint {
  /** Index of the row in the result. */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  /** The colour category (segment, bracket), or null. */
  readonly category: Key | null;
  /** The row's id (a client), or null. */
  readonly id: Key | null;
  readonly datum: Row;
}

/** How a scatter reads its rows. */
export interface ScatterMapping {
  readonly x: Accessor<Row>;
  readonly y: Accessor<Row>;
  readonly category?: Accessor<Row>;
  readonly id?: Accessor<Row>;
}

/** The points of `rows` (rows without a finite x or y are skipped). */
export function scatterPoints(rows: readonly Row[], mapping: ScatterMapping): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  rows.forEach((datum, index) => {
    const x = readNumber(datum, mapping.x, index);
    const y = readNumber(datum, mapping.y, index);
    if (x === null || y === null) return;
    points.push({
      index,
      x,
      y,
      category: mapping.category !== undefined ? readKey(datum, mapping.category, index) : null,
      id: mapping.id !== undefined ? readKey(datum, mapping.id, index) : null,
      datum,
    });
  });
  return points;
}

/** Above this many points a scatter draws on a canvas instead of one SVG circle per point. */
export const CANVAS_THRESHOLD = 2000;

/** `svg` for up to `threshold` points, `canvas` above. */
export function renderMode(count: number, threshold = CANVAS_THRESHOLD): 'svg' | 'canvas' {
  return count > threshold ? 'canvas' : 'svg';
}

/** A position scale of a scatter axis with its ticks. */
export interface AxisScale {
  (value: number): number;
  readonly kind: AxisScaleKind;
  domain(): number[];
  ticks(count: number): number[];
}

/**
 * The scale of an axis over `values` (or a fixed `domain`) onto `range` px. Linear: the
 * extent, widened to nice numbers. Log: a symmetric log (`sign(v) * log1p(|v|)`), so zero and
 * one-order customers stay on the chart, with ticks at 1-2-5 steps.
 */
export function axisScale(kind: AxisScaleKind, values: readonly number[], range: readonly [number, number], domain?: readonly [number, number]): AxisScale {
  let lo = domain ? domain[0] : Math.min(...values);
  let hi = domain ? domain[1] : Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi)];
  if (kind === 'log') {
    const scale = scaleSymlog().constant(1).domain([lo, hi]).range(range);
    const fn = ((v: number) => scale(v)) as AxisScale;
    Object.assign(fn, { kind, domain: () => scale.domain(), ticks: (count: number) => logTicks(lo, hi, count) });
    return fn;
  }
  const scale = scaleLinear().domain([lo, hi]);
  if (!domain) scale.nice();
  scale.range(range);
  const fn = ((v: number) => scale(v)) as AxisScale;
  Object.assign(fn, { kind, domain: () => scale.domain(), ticks: (count: number) => scale.ticks(count) });
  return fn;
}

/**
 * Ticks of a log axis between lo and hi: 0 when in range, then 1, 2, 5, 10, 20, 50 ... (and
 * their negatives), thinned to at most about `count` by keeping every k-th.
 */
export function logTicks(lo: number, hi: number, count: number): number[] {
  const ticks: number[] = [];
  const steps = [1, 2, 5];
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  const positive: number[] = [];
  for (let p = 1; p <= magnitude * 1.0001 && positive.length < 400; p *= 10) {
    for (const s of steps) if (s * p <= magnitude * 1.0001) positive.push(s * p);
  }
  for (const v of [...positive].reverse()) if (-v >= lo) ticks.push(-v);
  if (lo <= 0 && hi >= 0) ticks.push(0);
  for (const v of positive) if (v <= hi && v >= lo) ticks.push(v);
  if (ticks.length <= count) return ticks;
  // Thin the 1-2-5 ladder to powers of ten first, then every k-th.
  const decades = ticks.filter((t) => t === 0 || Math.abs(t) === 10 ** Math.round(Math.log10(Math.abs(t))));
  if (decades.length <= count) return decades;
  const every = Math.ceil(decades.length / count);
  return decades.filter((_, i) => i % every === 0);
}

/** A shaded range along one axis (a bracket): `from` to `to` in data units. */
export interface ScatterBand {
  readonly axis: 'x' | 'y';
  readonly from: number;
  readonly to: number;
  readonly label?: string;
}

/** A threshold line across the plot at `value` on `axis`. */
export interface ScatterLine {
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label?: string;
}
