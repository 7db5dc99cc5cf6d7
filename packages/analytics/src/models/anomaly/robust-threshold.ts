/**
 * The robust cut-off between ordinary and anomalous scores. The seed flagged scores above
 * mean + 2.58 × standard error, which flags about half of all points; the median and the
 * median absolute deviation (MAD) are not dragged up by the anomalies themselves.
 */

/**
 * 1.4826 = 1 / Φ⁻¹(0.75): the MAD times this estimates the standard deviation of normally
 * distributed data, so `k` counts standard deviations (Iglewicz & Hoaglin's modified z-score
 * 0.6745 · (x − median) / MAD > 3.5 is the same rule with k = 3.5).
 */
export const MAD_TO_SIGMA = 1.4826;

/**
 * When more than half the scores are equal the MAD is 0; Iglewicz & Hoaglin then use the mean
 * absolute deviation around the median, scaled by √(π/2) ≈ 1.2533 (its ratio to σ for normal data).
 */
export const MEAN_AD_TO_SIGMA = 1.2533;

/** The default number of (robust) standard deviations above the median that marks an anomaly. */
export const DEFAULT_THRESHOLD_K = 3.5;

/** Median, MAD and the resulting threshold of a set of scores. */
export interface RobustThreshold {
  /** Median of the scores (NaN when there are none). */
  readonly median: number;
  /** Median absolute deviation from the median, unscaled. */
  readonly mad: number;
  /** The spread the threshold uses: MAD × 1.4826, or mean absolute deviation × 1.2533 when the MAD is 0. */
  readonly sigma: number;
  /** median + k × sigma: scores strictly above it are anomalies. */
  readonly threshold: number;
}

/** The median of `values` (NaN values ignored; NaN when none are left). Does not modify `values`. */
export function median(values: ArrayLike<number>): number {
  const sorted = sortedFinite(values);
  return medianOfSorted(sorted);
}

/** The median absolute deviation of `values` around `center` (default: their median), unscaled. */
export function medianAbsoluteDeviation(values: ArrayLike<number>, center: number = median(values)): number {
  const deviations = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) deviations[n++] = Math.abs(v - center);
  }
  return medianOfSorted(deviations.subarray(0, n).sort());
}

/**
 * threshold = median + k × sigma, sigma = 1.4826 × MAD (the robust standard deviation), or,
 * when the MAD is 0, 1.2533 × the mean absolute deviation around the median. NaN scores are
 * ignored. With no scores every field is NaN (nothing is above a NaN threshold).
 */
export function robustThreshold(scores: ArrayLike<number>, k: number = DEFAULT_THRESHOLD_K): RobustThreshold {
  const sorted = sortedFinite(scores);
  const center = medianOfSorted(sorted);
  const mad = medianAbsoluteDeviation(sorted, center);
  let sigma = MAD_TO_SIGMA * mad;
  if (sigma === 0 && sorted.length > 0) {
    let sum = 0;
    for (let i = 0; i < sorted.length; i++) sum += Math.abs(sorted[i] - center);
    sigma = MEAN_AD_TO_SIGMA * (sum / sorted.length);
  }
  return { median: center, mad, sigma, threshold: center + k * sigma };
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
