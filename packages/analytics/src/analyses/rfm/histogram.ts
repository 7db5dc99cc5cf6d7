/** One stacked bar of a cluster histogram: customers of one score with values in [x0, x1). */
export interface HistogramBin {
  readonly x0: number;
  readonly x1: number;
  readonly score: number;
  readonly customers: number;
}

/** How bin edges are spaced. */
export type BinScale = 'linear' | 'log';

/**
 * Bin edges over [min, max] of `values`: `bins` equal steps of v (linear) or of log1p(max(0, v))
 * (log, for skewed money and counts). When every value is an integer the edges are rounded up
 * to integers and de-duplicated, so no bin falls between two integers; the last edge is then
 * max + 1. Otherwise the last edge is max and the last bin is closed. One value: one bin
 * [v, v + 1).
 */
export function binEdges(values: Float64Array, bins: number, scale: BinScale): number[] {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (values.length === 0) return [];
  if (min === max) return [min, min + 1];
  const forward = scale === 'log' && min >= 0 ? Math.log1p : (v: number) => v;
  const back = scale === 'log' && min >= 0 ? Math.expm1 : (v: number) => v;
  const lo = forward(min);
  const hi = forward(max);
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(i === 0 ? min : i === bins ? max : back(lo + ((hi - lo) * i) / bins));
  if (!integers) return edges;
  const out: number[] = [];
  for (const e of edges) {
    const v = Math.ceil(e);
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  // The last rounded edge is max itself: close the histogram with [max, max + 1).
  out.push(max + 1);
  return out;
}

/**
 * The histogram of `values` split by score: one entry per (bin, score) with customers > 0,
 * ordered by bin then score. A value v falls in bin i when edges[i] <= v < edges[i + 1] (the
 * last bin includes its upper edge).
 */
export function scoreHistogram(values: Float64Array, scores: Uint8Array, edges: readonly number[]): HistogramBin[] {
  const bins = edges.length - 1;
  if (bins < 1) return [];
  const counts = new Float64Array(bins * 6);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = bins - 1;
    // The last bin whose lower edge is <= v.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo * 6 + scores[i]]++;
  }
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) {
    for (let s = 1; s <= 5; s++) {
      const customers = counts[b * 6 + s];
      if (customers > 0) out.push({ x0: edges[b], x1: edges[b + 1], score: s, customers });
    }
  }
  return out;
}
