/** Numbers a statistic reads: a plain array or a typed array. */
export type Sample = ArrayLike<number>;

/** The arithmetic mean (NaN for an empty sample). */
export function mean(values: Sample): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The sample variance Σ(x − mean)² / (n − 1) (NaN below two values). */
export function sampleVariance(values: Sample): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - m) ** 2;
  return sum / (n - 1);
}

/** The sample standard deviation √(sample variance). */
export function sampleSd(values: Sample): number {
  return Math.sqrt(sampleVariance(values));
}

/** Element-wise `after[i] − before[i]` (the samples must have the same length). */
export function differences(before: Sample, after: Sample): Float64Array {
  if (before.length !== after.length) throw new RangeError(`paired samples differ in length (${before.length} before, ${after.length} after)`);
  const out = new Float64Array(before.length);
  for (let i = 0; i < out.length; i++) out[i] = after[i] - before[i];
  return out;
}

/** Sample quantile by linear interpolation between order statistics (R's type 7) of a SORTED sample. */
export function quantileSorted(sorted: Sample, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
