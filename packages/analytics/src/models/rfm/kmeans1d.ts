import { kmeans } from 'ml-kmeans';

/** The default seed of every RFM clustering (the same data always gives the same clusters). */
export const DEFAULT_SEED = 42;

/** Options of `kmeans1d`. */
export interface KMeans1DOptions {
  /** Seed of the k-means++ initialisation (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** Number of seeded initialisations (seed, seed + 1, ...); the one with the least squared error wins. Default 3. */
  readonly restarts?: number;
}

/** A 1-D clustering whose clusters are numbered by centroid, lowest first. */
export interface KMeans1D {
  /** Per input value, its cluster 0 .. centroids.length - 1 (0 = lowest centroid). */
  readonly labels: Uint8Array;
  /** Cluster centroids (means of their values), ascending. Fewer than k when there are fewer distinct values. */
  readonly centroids: Float64Array;
  /** Number of values in each cluster (every cluster has at least one). */
  readonly sizes: Int32Array;
}

/**
 * Points handed to ml-kmeans at most (about): above this the data is summarised by a sketch
 * (see below) so clustering 100 000 customers costs milliseconds, not seconds.
 */
export const SKETCH_SIZE = 1024;
const DEFAULT_RESTARTS = 3;
const MAX_POLISH_ITERATIONS = 500;

/**
 * Deterministic 1-D k-means (Lloyd's algorithm, squared error) of `values` (finite numbers).
 *
 * 1. Fewer than k distinct values (or k of them): every distinct value is its own cluster.
 * 2. Otherwise ml-kmeans (k-means++ initialisation seeded with `seed`, `seed + 1`, ... for
 *    `restarts` runs; the run with the least squared error wins) clusters a deterministic
 *    sketch of the values: the values themselves when there are at most `SKETCH_SIZE`;
 *    else, when there are at most `SKETCH_SIZE` distinct values, each distinct value repeated
 *    max(1, round(count × SKETCH_SIZE / n)) times; else the values at SKETCH_SIZE evenly
 *    spaced ranks of the sorted values (min and max included).
 * 3. Lloyd iterations on all the values (exactly, over the sorted distinct values and their
 *    counts) start from those centroids and run until no value changes cluster, so the result
 *    is a k-means fixed point of the full data, not of the sketch. A value equidistant from two
 *    centroids joins the lower one. A cluster left empty is dropped.
 * 4. Clusters are numbered by centroid, lowest first.
 *
 * The same values and seed always give the same result. O(n log n) for the sort, then
 * O(distinct values) per iteration.
 */
export function kmeans1d(values: Float64Array, k: number, options: KMeans1DOptions = {}): KMeans1D {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`kmeans1d: k must be a positive integer, got ${k}`);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`kmeans1d: values must be finite, got ${values[i]} at ${i}`);
  }
  if (n === 0) return { labels: new Uint8Array(0), centroids: new Float64Array(0), sizes: new Int32Array(0) };
  const sorted = Float64Array.from(values).sort();
  const { distinct, counts } = distinctValues(sorted);
  let centroids: Float64Array;
  if (distinct.length <= k) {
    centroids = distinct;
  } else {
    const seed = options.seed ?? DEFAULT_SEED;
    const restarts = Math.max(1, options.restarts ?? DEFAULT_RESTARTS);
    centroids = lloyd(distinct, counts, initialCentroids(sketch(sorted, distinct, counts, k), k, seed, restarts));
  }
  return assign(values, centroids);
}

/** Sorted distinct values and how often each occurs. */
function distinctValues(sorted: Float64Array): { distinct: Float64Array; counts: Float64Array } {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  const distinct = new Float64Array(d);
  const counts = new Float64Array(d);
  let j = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct[++j] = sorted[i];
    counts[j]++;
  }
  return { distinct, counts };
}

/** The points ml-kmeans sees (see `kmeans1d` step 2). */
function sketch(sorted: Float64Array, distinct: Float64Array, counts: Float64Array, k: number): number[][] {
  const n = sorted.length;
  const points: number[][] = [];
  if (n <= SKETCH_SIZE) {
    for (let i = 0; i < n; i++) points.push([sorted[i]]);
  } else if (distinct.length <= SKETCH_SIZE) {
    for (let j = 0; j < distinct.length; j++) {
      const copies = Math.max(1, Math.round((counts[j] * SKETCH_SIZE) / n));
      for (let c = 0; c < copies; c++) points.push([distinct[j]]);
    }
  } else {
    let kinds = 0;
    for (let i = 0; i < SKETCH_SIZE; i++) {
      const v = sorted[Math.round((i * (n - 1)) / (SKETCH_SIZE - 1))];
      if (points.length === 0 || points[points.length - 1][0] !== v) kinds++;
      points.push([v]);
    }
    // Pathologically concentrated data (nearly every value equal): make sure k-means++ sees
    // at least k distinct values by adding k evenly spaced distinct ones.
    if (kinds < k) for (let i = 0; i < k; i++) points.push([distinct[Math.round((i * (distinct.length - 1)) / (k - 1))]]);
  }
  return points;
}

/** Best of `restarts` seeded ml-kmeans runs on the sketch: its centroids, ascending. */
function initialCentroids(points: number[][], k: number, seed: number, restarts: number): Float64Array {
  let best: Float64Array | null = null;
  let bestError = Infinity;
  for (let run = 0; run < restarts; run++) {
    const result = kmeans(points, k, { seed: seed + run, initialization: 'kmeans++', maxIterations: 300 });
    const centroids = Float64Array.from(result.centroids, (c) => c[0]).sort();
    let error = 0;
    for (const [v] of points) error += squaredDistanceToNearest(v, centroids);
    if (error < bestError) {
      bestError = error;
      best = centroids;
    }
  }
  return best as Float64Array;
}

function squaredDistanceToNearest(v: number, centroids: Float64Array): number {
  let min = Infinity;
  for (let c = 0; c < centroids.length; c++) min = Math.min(min, (v - centroids[c]) ** 2);
  return min;
}

/**
 * Lloyd iterations over sorted distinct values with counts, from `start` (ascending). In 1-D
 * the clusters of sorted centroids are runs of the sorted values cut at the midpoints.
 */
function lloyd(distinct: Float64Array, counts: Float64Array, start: Float64Array): Float64Array {
  let centroids = dedupe(start);
  let previous: Int32Array | null = null;
  for (let iteration = 0; iteration < MAX_POLISH_ITERATIONS; iteration++) {
    const cuts = cutPoints(distinct, centroids);
    if (previous && sameCuts(cuts, previous)) break;
    previous = cuts;
    const next: number[] = [];
    for (let c = 0; c < centroids.length; c++) {
      let sum = 0;
      let weight = 0;
      for (let j = cuts[c]; j < cuts[c + 1]; j++) {
        sum += distinct[j] * counts[j];
        weight += counts[j];
      }
      if (weight > 0) next.push(sum / weight);
    }
    centroids = Float64Array.from(next);
  }
  return centroids;
}

/** cuts[c] .. cuts[c + 1] - 1 are the distinct values nearest to centroid c (ties to the lower). */
function cutPoints(distinct: Float64Array, centroids: Float64Array): Int32Array {
  const cuts = new Int32Array(centroids.length + 1);
  let j = 0;
  for (let c = 0; c < centroids.length - 1; c++) {
    const mid = (centroids[c] + centroids[c + 1]) / 2;
    while (j < distinct.length && distinct[j] <= mid) j++;
    cuts[c + 1] = j;
  }
  cuts[centroids.length] = distinct.length;
  return cuts;
}

function sameCuts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function dedupe(sortedCentroids: Float64Array): Float64Array {
  const out: number[] = [];
  for (const c of sortedCentroids) if (out.length === 0 || out[out.length - 1] !== c) out.push(c);
  return Float64Array.from(out);
}

/** Labels every value with its nearest centroid (ties to the lower one) and counts the sizes. */
function assign(values: Float64Array, centroids: Float64Array): KMeans1D {
  const labels = new Uint8Array(values.length);
  const sizes = new Int32Array(centroids.length);
  const mids = new Float64Array(Math.max(0, centroids.length - 1));
  for (let c = 0; c < mids.length; c++) mids[c] = (centroids[c] + centroids[c + 1]) / 2;
  for (let i = 0; i < values.length; i++) {
    // Binary search: the number of midpoints strictly below the value.
    let lo = 0;
    let hi = mids.length;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mids[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    labels[i] = lo;
    sizes[lo]++;
  }
  return { labels, centroids, sizes };
}
