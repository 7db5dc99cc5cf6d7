import { mean, sampleVariance, type Sample } from './descriptive.js';
import { studentTwoSided } from './distributions.js';

/** A t test's result. */
export interface TTestResult {
  /** Number of values (paired: customers; Welch: see `WelchResult`). */
  readonly n: number;
  /** The estimated difference: the mean difference (paired) or mean1 − mean2 (Welch). */
  readonly difference: number;
  /** Its standard error. */
  readonly standardError: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Paired (one-sample) t test of H0: mean difference = 0, on the per-customer differences
 * d = after − before: t = mean(d) / (sd(d) / √n), df = n − 1, two-sided p from Student's t.
 * When every difference is equal (sd = 0) t is 0 with p = 1 if they are all 0, else ±∞ with
 * p = 0 (a constant shift, which no sampling noise explains).
 * @throws RangeError below two differences.
 */
export function pairedTTest(differences: Sample): TTestResult {
  const n = differences.length;
  if (n < 2) throw new RangeError(`a paired t test needs at least 2 differences, got ${n}`);
  const difference = mean(differences);
  const standardError = Math.sqrt(sampleVariance(differences) / n);
  const t = tStatistic(difference, standardError);
  return { n, difference, standardError, t, df: n - 1, pValue: standardError === 0 ? (difference === 0 ? 1 : 0) : studentTwoSided(t, n - 1) };
}

/** Welch's t test result, with both samples' sizes and means. */
export interface WelchResult extends TTestResult {
  readonly n1: number;
  readonly n2: number;
  readonly mean1: number;
  readonly mean2: number;
}

/**
 * Welch's two-sample t test of H0: mean1 = mean2 without assuming equal variances:
 * t = (m1 − m2) / √(s1²/n1 + s2²/n2), df by Welch–Satterthwaite
 * (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1 − 1) + (s2²/n2)²/(n2 − 1)). Two-sided p. With both
 * variances 0, df = n1 + n2 − 2 and p is 1 for equal means, else 0.
 * @throws RangeError when a sample has fewer than 2 values.
 */
export function welchTTest(first: Sample, second: Sample): WelchResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 < 2 || n2 < 2) throw new RangeError(`a Welch t test needs at least 2 values per sample, got ${n1} and ${n2}`);
  const mean1 = mean(first);
  const mean2 = mean(second);
  const a = sampleVariance(first) / n1;
  const b = sampleVariance(second) / n2;
  const standardError = Math.sqrt(a + b);
  const difference = mean1 - mean2;
  const t = tStatistic(difference, standardError);
  if (standardError === 0) return { n: n1 + n2, n1, n2, mean1, mean2, difference, standardError, t, df: n1 + n2 - 2, pValue: difference === 0 ? 1 : 0 };
  const df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1));
  return { n: n1 + n2, n1, n2, mean1, mean2, difference, standardError, t, df, pValue: studentTwoSided(t, df) };
}

function tStatistic(difference: number, standardError: number): number {
  if (standardError > 0) return difference / standardError;
  return difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
}
