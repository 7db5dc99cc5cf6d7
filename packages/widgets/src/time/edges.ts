import type { Calendar, TimeUnit } from '@clvkit/core';

/**
 * The bucket edges of a filled time series: every bucket start, then the end of the last
 * bucket (the start of the next), so bucket i is [edges[i], edges[i + 1]).
 */
export function bucketEdges(starts: readonly number[], unit: TimeUnit, calendar: Calendar): number[] {
  if (starts.length === 0) return [];
  const sorted = [...starts].sort((a, b) => a - b);
  return [...sorted, calendar.add(sorted[sorted.length - 1], unit, 1)];
}

/**
 * Snaps a pixel range to bucket edges given each edge's pixel position (ascending): both ends
 * go to the nearest edge, and the result spans at least one bucket. Returns the indices
 * [first bucket, one past the last bucket] into the edges.
 */
export function snapToEdges(range: readonly [number, number], edgePixels: readonly number[]): [number, number] {
  const last = edgePixels.length - 1;
  if (last < 1) return [0, Math.max(last, 0)];
  const lo = Math.min(range[0], range[1]);
  const hi = Math.max(range[0], range[1]);
  let i = nearest(edgePixels, lo);
  let j = nearest(edgePixels, hi);
  if (j <= i) {
    // Less than half a bucket: take the bucket the range's middle falls in.
    const middle = (lo + hi) / 2;
    i = Math.min(Math.max(bucketAt(edgePixels, middle), 0), last - 1);
    j = i + 1;
  }
  return [i, j];
}

/** Index of the edge nearest to `px` (the first on ties). */
function nearest(edges: readonly number[], px: number): number {
  let best = 0;
  for (let k = 1; k < edges.length; k++) if (Math.abs(edges[k] - px) < Math.abs(edges[best] - px)) best = k;
  return best;
}

/** Index of the bucket [edges[k], edges[k + 1]) containing `px`. */
function bucketAt(edges: readonly number[], px: number): number {
  let k = 0;
  while (k < edges.length - 2 && edges[k + 1] <= px) k++;
  return k;
}
