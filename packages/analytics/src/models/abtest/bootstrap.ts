import { quantileSorted, type Sample } from './descriptive.js';
import { normalCritical, studentCritical, studentTwoSided } from './distributions.js';
import type { PairedMethod } from './normality.js';
import { mulberry32 } from './prng.js';
import { signedRankZ } from './wilcoxon.js';

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 1000;
/** Default base seed of the bootstrap streams. */
export const DEFAULT_SEED = 20_240_601;

/**
 * The mean of each of `resamples` bootstrap resamples of `values` (n draws with replacement,
 * indices from mulberry32(seed)), in resample order. The building block of the intervals
 * below, exported so its distribution can be checked.
 */
export function bootstrapMeans(values: Sample, resamples: number, seed: number): Float64Array {
  const n = values.length;
  const random = mulberry32(seed);
  const out = new Float64Array(resamples);
  if (n === 0) return out.fill(Number.NaN);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
    out[b] = sum / n;
  }
  return out;
}

/** Percentile interval [q((1 − c)/2), q((1 + c)/2)] of `estimates` (sorted in place, NaN dropped). */
export function percentileInterval(estimates: Float64Array, confidence: number): readonly [number, number] {
  const finite = estimates.filter((v) => !Number.isNaN(v)).sort();
  return [quantileSorted(finite, (1 - confidence) / 2), quantileSorted(finite, (1 + confidence) / 2)];
}

/** Options of the paired bootstrap. */
export interface PairedBootstrapOptions {
  /** Resamples (default 1000). */
  readonly resamples?: number;
  /** Seed of the resampling stream (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** Level of the intervals (default 0.95). */
  readonly confidence?: number;
  /** Significance level of the test re-run on each resample (default 0.05). */
  readonly alpha?: number;
  /** The test re-run on each resample (default 't'). */
  readonly method?: PairedMethod;
}

/** What the paired bootstrap estimates. */
export interface PairedBootstrapResult {
  readonly resamples: number;
  /** Percentile interval of the mean difference mean(after − before). */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Percentile interval of the relative change Σafter / Σbefore − 1 (NaN when a resample's Σbefore is 0). */
  readonly relativeLow: number;
  readonly relativeHigh: number;
  /**
   * The seed's "accept ratio": the share of resamples on which the test (`method`, at
   * `alpha`) does NOT reject H0 "no difference". Near 0: the difference shows in almost
   * every resample; near 1 − alpha: it is not there.
   */
  readonly acceptRatio: number;
}

/**
 * Resamples customers (pairs) with replacement and, on each resample, computes the mean
 * difference, the relative change and the test's verdict. Each resample is held as counts per
 * customer, so a resample costs O(n) even for the rank test: the absolute differences are
 * ranked once, and a resample's ranks follow from the counts walked in that order (ties in
 * a resample, including copies of one customer, get mean ranks and the tie correction; the
 * rank test on resamples uses the normal approximation).
 * @throws RangeError when the samples differ in length or hold fewer than 2 pairs.
 */
export function pairedBootstrap(before: Sample, after: Sample, options: PairedBootstrapOptions = {}): PairedBootstrapResult {
  const n = before.length;
  if (after.length !== n) throw new RangeError(`paired samples differ in length (${n} before, ${after.length} after)`);
  if (n < 2) throw new RangeError(`a paired bootstrap needs at least 2 pairs, got ${n}`);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  const method = options.method ?? 't';
  const random = mulberry32(options.seed ?? DEFAULT_SEED);

  const d = new Float64Array(n);
  let centre = 0;
  for (let i = 0; i < n; i++) centre += (d[i] = after[i] - before[i]);
  centre /= n;
  const ranking = method === 'wilcoxon' ? rankGroups(d) : null;
  const criticalT = studentCritical(alpha, n - 1);
  const criticalZ = normalCritical(alpha);

  const counts = new Int32Array(n);
  const means = new Float64Array(resamples);
  const relative = new Float64Array(resamples);
  let accepted = 0;
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]++;
    let sum = 0;
    let sumSquares = 0;
    let sumBefore = 0;
    let sumAfter = 0;
    for (let i = 0; i < n; i++) {
      const k = counts[i];
      if (k === 0) continue;
      const c = d[i] - centre;
      sum += k * c;
      sumSquares += k * c * c;
      sumBefore += k * before[i];
      sumAfter += k * after[i];
    }
    const meanDifference = centre + sum / n;
    means[b] = meanDifference;
    relative[b] = sumBefore > 0 ? sumAfter / sumBefore - 1 : Number.NaN;
    const rejects = ranking ? Math.abs(resampleZ(ranking, counts, d)) > criticalZ : rejectsT(meanDifference, Math.max(0, sumSquares - (sum * sum) / n) / (n - 1), n, criticalT);
    if (!rejects) accepted++;
  }
  const [ciLow, ciHigh] = percentileInterval(means, confidence);
  const [relativeLow, relativeHigh] = percentileInterval(relative, confidence);
  return { resamples, ciLow, ciHigh, relativeLow, relativeHigh, acceptRatio: resamples > 0 ? accepted / resamples : Number.NaN };
}

/** Options of the two-sample bootstrap. */
export interface TwoSampleBootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly confidence?: number;
  readonly alpha?: number;
}

/** Interval of mean1 − mean2 and the share of resamples where Welch's test does not reject. */
export interface TwoSampleBootstrapResult {
  readonly resamples: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly acceptRatio: number;
}

/**
 * Resamples both samples independently (each with replacement at its own size) and re-runs
 * Welch's t test at `alpha` on each resample: the percentile interval of mean1 − mean2 and the
 * share of resamples that do not reject (the seed's accept ratio of a comparison).
 * @throws RangeError when a sample has fewer than 2 values.
 */
export function twoSampleBootstrap(first: Sample, second: Sample, options: TwoSampleBootstrapOptions = {}): TwoSampleBootstrapResult {
  if (first.length < 2 || second.length < 2) throw new RangeError(`a two-sample bootstrap needs at least 2 values per sample, got ${first.length} and ${second.length}`);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const alpha = options.alpha ?? 0.05;
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const differences = new Float64Array(resamples);
  let accepted = 0;
  for (let b = 0; b < resamples; b++) {
    const one = resampleMoments(first, random);
    const two = resampleMoments(second, random);
    differences[b] = one.mean - two.mean;
    const a = one.variance / first.length;
    const c = two.variance / second.length;
    const se = Math.sqrt(a + c);
    let pValue: number;
    if (se === 0) pValue = differences[b] === 0 ? 1 : 0;
    else pValue = studentTwoSided(differences[b] / se, (a + c) ** 2 / (a * a / (first.length - 1) + (c * c) / (second.length - 1)));
    if (!(pValue < alpha)) accepted++;
  }
  const [ciLow, ciHigh] = percentileInterval(differences, options.confidence ?? 0.95);
  return { resamples, ciLow, ciHigh, acceptRatio: resamples > 0 ? accepted / resamples : Number.NaN };
}

function rejectsT(meanDifference: number, variance: number, n: number, critical: number): boolean {
  const se = Math.sqrt(variance / n);
  if (se === 0) return meanDifference !== 0;
  return Math.abs(meanDifference / se) > critical;
}

/** Mean and sample variance of one resample of `values` (shifted by the first value for stability). */
function resampleMoments(values: Sample, random: () => number): { mean: number; variance: number } {
  const n = values.length;
  const shift = values[0];
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const v = values[Math.floor(random() * n)] - shift;
    sum += v;
    sumSquares += v * v;
  }
  return { mean: shift + sum / n, variance: Math.max(0, sumSquares - (sum * sum) / n) / (n - 1) };
}

/** The non-zero differences in ascending |d| and where each group of equal |d| ends. */
interface RankGroups {
  readonly order: Int32Array;
  /** groupEnd[g] = one past the last position of group g in `order`. */
  readonly groupEnd: Int32Array;
}

function rankGroups(d: Float64Array): RankGroups {
  const indices: number[] = [];
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) indices.push(i);
  indices.sort((a, b) => Math.abs(d[a]) - Math.abs(d[b]));
  const ends: number[] = [];
  for (let k = 1; k <= indices.length; k++) {
    if (k === indices.length || Math.abs(d[indices[k]]) !== Math.abs(d[indices[k - 1]])) ends.push(k);
  }
  return { order: Int32Array.from(indices), groupEnd: Int32Array.from(ends) };
}

/** The signed-rank z of a resample given as counts per original difference. */
function resampleZ({ order, groupEnd }: RankGroups, counts: Int32Array, d: Float64Array): number {
  let ranked = 0;
  let wPlus = 0;
  let tieTerm = 0;
  let start = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    let size = 0;
    let positive = 0;
    for (let k = start; k < groupEnd[g]; k++) {
      const i = order[k];
      size += counts[i];
      if (d[i] > 0) positive += counts[i];
    }
    start = groupEnd[g];
    if (size === 0) continue;
    wPlus += positive * (ranked + (size + 1) / 2);
    tieTerm += size ** 3 - size;
    ranked += size;
  }
  return signedRankZ(wPlus, ranked, tieTerm);
}
