import { DEFAULT_SEED, kmeans1d } from './kmeans1d.js';

/** How scores 1..5 are given: 1-D k-means (k = 5) or quintiles. */
export type ScoreMethod = 'kmeans' | 'quantile';
export const SCORE_METHODS: readonly ScoreMethod[] = ['kmeans', 'quantile'];

/** Number of scores (1..SCORE_LEVELS). */
export const SCORE_LEVELS = 5;

/** Options of `scoreMetric`. */
export interface ScoreOptions {
  readonly method?: ScoreMethod;
  /** True when larger values deserve higher scores (frequency, monetary); false for recency. */
  readonly higherIsBetter: boolean;
  /** Cluster log1p(max(0, v)) instead of v (k-means only; quintiles depend on order alone). */
  readonly log?: boolean;
  /** Seed of the k-means initialisation (default `DEFAULT_SEED`). */
  readonly seed?: number;
}

/** One score of a metric: how many customers have it and the range of their values. */
export interface ScoreBin {
  readonly score: number;
  readonly customers: number;
  /** Least and greatest value of the metric among them (null when none). */
  readonly min: number | null;
  readonly max: number | null;
  /** Mean of the metric over them (null when none). */
  readonly centroid: number | null;
}

/** Scores of one metric. */
export interface MetricScores {
  /** Per value, its score 1..5 (5 best). */
  readonly scores: Uint8Array;
  /** Scores 1..5 in order (5 rows, empty scores included). */
  readonly bins: readonly ScoreBin[];
}

/**
 * Scores 1..5 (5 best) of one metric over a population.
 *
 * k-means (default): `kmeans1d` with k = 5 on the values (or on log1p(max(0, v)) when `log`);
 * clusters are ranked by centroid; with c clusters (c < 5 when there are fewer than 5 distinct
 * values) the i-th lowest (i = 0 .. c-1) gets rank 1 + round(i × 4 / (c − 1)), a single cluster
 * rank 3; so 5 clusters are 1..5, 2 clusters 1 and 5, 3 clusters 1, 3, 5, 4 clusters 1, 2, 4, 5.
 * The score is the rank, or 6 − rank when lower values are better.
 *
 * quantile: the quintile of the mid-percentile. Sort the n values best last (ascending, or
 * descending when lower is better); a value whose ties occupy the 0-based positions
 * lo .. hi − 1 has the mid-percentile p = (lo + hi) / (2n) (the middle of its run) and the
 * score floor(5p) + 1 (integer arithmetic, so exact). Equal values always share a score; a
 * mid-percentile exactly on a quintile boundary (0.2, 0.4, ...) goes up; with no ties, n = 10
 * gives two customers per score; a population of one value (or one customer) gets 3.
 */
export function scoreMetric(values: Float64Array, options: ScoreOptions): MetricScores {
  const scores = options.method === 'quantile' ? quantileScores(values, options.higherIsBetter) : kmeansScores(values, options);
  return { scores, bins: scoreBins(values, scores) };
}

function kmeansScores(values: Float64Array, options: ScoreOptions): Uint8Array {
  const input = options.log ? Float64Array.from(values, (v) => Math.log1p(Math.max(0, v))) : values;
  const { labels, centroids } = kmeans1d(input, SCORE_LEVELS, { seed: options.seed ?? DEFAULT_SEED });
  const c = centroids.length;
  const rankOf = new Uint8Array(Math.max(c, 1));
  for (let i = 0; i < c; i++) rankOf[i] = c === 1 ? 3 : 1 + Math.round((i * (SCORE_LEVELS - 1)) / (c - 1));
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const rank = rankOf[labels[i]];
    scores[i] = options.higherIsBetter ? rank : SCORE_LEVELS + 1 - rank;
  }
  return scores;
}

/** Mid-rank quintile scores (see `scoreMetric`). */
export function quantileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const lo = lowerBound(sorted, v);
    const hi = upperBound(sorted, v);
    // Positions of the ties: lo .. hi − 1 ascending; n − hi .. n − lo − 1 descending.
    const twiceMid = higherIsBetter ? lo + hi : 2 * n - hi - lo;
    scores[i] = Math.min(SCORE_LEVELS, Math.floor((SCORE_LEVELS * twiceMid) / (2 * n)) + 1);
  }
  return scores;
}

/** Per score 1..5: customers, min, max and mean of the values. */
export function scoreBins(values: Float64Array, scores: Uint8Array): ScoreBin[] {
  const count = new Int32Array(SCORE_LEVELS + 1);
  const sum = new Float64Array(SCORE_LEVELS + 1);
  const min = new Float64Array(SCORE_LEVELS + 1).fill(Infinity);
  const max = new Float64Array(SCORE_LEVELS + 1).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i];
    const v = values[i];
    count[s]++;
    sum[s] += v;
    if (v < min[s]) min[s] = v;
    if (v > max[s]) max[s] = v;
  }
  const bins: ScoreBin[] = [];
  for (let s = 1; s <= SCORE_LEVELS; s++) {
    bins.push({ score: s, customers: count[s], min: count[s] ? min[s] : null, max: count[s] ? max[s] : null, centroid: count[s] ? sum[s] / count[s] : null });
  }
  return bins;
}

/** First index with sorted[i] >= v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with sorted[i] > v. */
function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
