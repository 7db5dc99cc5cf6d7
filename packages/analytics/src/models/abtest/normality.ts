import type { Sample } from './descriptive.js';

/** The Jarque–Bera normality test. */
export interface NormalityResult {
  readonly n: number;
  /** Sample skewness g1 = m3 / m2^1.5 (population central moments m_k = Σ(x − mean)^k / n). */
  readonly skewness: number;
  /** Sample excess kurtosis g2 = m4 / m2² − 3. */
  readonly excessKurtosis: number;
  /** JB = n/6 · (g1² + g2²/4). */
  readonly statistic: number;
  /** P(χ²₂ ≥ JB) = exp(−JB/2) (the χ² distribution with 2 df has that closed form). */
  readonly pValue: number;
}

/**
 * Jarque–Bera test of H0: the sample comes from a normal distribution, from its skewness and
 * kurtosis. A constant sample (m2 = 0) has no shape to judge: JB = 0, p = 1. Below 3 values
 * the moments say nothing either: p = 1.
 */
export function jarqueBera(values: Sample): NormalityResult {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const m = n > 0 ? sum / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  if (n < 3 || m2 === 0) return { n, skewness: 0, excessKurtosis: 0, statistic: 0, pValue: 1 };
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const skewness = m3 / m2 ** 1.5;
  const excessKurtosis = m4 / (m2 * m2) - 3;
  const statistic = (n / 6) * (skewness ** 2 + excessKurtosis ** 2 / 4);
  return { n, skewness, excessKurtosis, statistic, pValue: Math.exp(-statistic / 2) };
}

/** Which paired test a sample of differences gets. */
export type PairedMethod = 't' | 'wilcoxon';

/** Significance level of the normality check. */
export const NORMALITY_ALPHA = 0.05;

/**
 * The rule that picks the paired test: the t test unless the Jarque–Bera test rejects
 * normality of the differences at 5 % (p < 0.05), then the Wilcoxon signed-rank test.
 * Jarque–Bera is a large-sample test: with few customers it rarely rejects, and the t test is
 * the usual choice there; with many customers it rejects even mild skew, where the
 * rank test is the safer one (per-customer spend differences are heavy-tailed).
 */
export function choosePairedMethod(differences: Sample): PairedMethod {
  return jarqueBera(differences).pValue < NORMALITY_ALPHA ? 'wilcoxon' : 't';
}
