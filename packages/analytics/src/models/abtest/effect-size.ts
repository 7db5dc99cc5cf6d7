import { mean, sampleVariance, type Sample } from './descriptive.js';

/**
 * Cohen's d_z for paired data: mean(d) / sd(d) of the differences d = after − before.
 * 0 when every difference is 0; ±Infinity for a constant non-zero shift; NaN below 2 values.
 */
export function cohensDz(differences: Sample): number {
  const m = mean(differences);
  const sd = Math.sqrt(sampleVariance(differences));
  if (Number.isNaN(sd)) return Number.NaN;
  if (sd === 0) return m === 0 ? 0 : m > 0 ? Infinity : -Infinity;
  return m / sd;
}

/**
 * Hedges' g of two independent samples: J · (m1 − m2) / s_p with the pooled
 * s_p = √(((n1 − 1)s1² + (n2 − 1)s2²) / (n1 + n2 − 2)) and the small-sample correction
 * J = 1 − 3 / (4(n1 + n2) − 9). NaN when a sample has fewer than 2 values.
 */
export function hedgesG(first: Sample, second: Sample): number {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 < 2 || n2 < 2) return Number.NaN;
  const pooled = Math.sqrt(((n1 - 1) * sampleVariance(first) + (n2 - 1) * sampleVariance(second)) / (n1 + n2 - 2));
  const difference = mean(first) - mean(second);
  if (pooled === 0) return difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
  return (1 - 3 / (4 * (n1 + n2) - 9)) * (difference / pooled);
}
