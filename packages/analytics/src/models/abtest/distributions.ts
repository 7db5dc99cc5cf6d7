import jStatModule from 'jstat';

/** The part of jStat the tests use (jstat ships no types; see jstat.d.ts). */
interface JStatDistributions {
  readonly studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
  readonly normal: { cdf(x: number, mean: number, std: number): number; inv(p: number, mean: number, std: number): number };
}

const jStat = jStatModule as JStatDistributions;

/**
 * Two-sided p-value of a Student t statistic: P(|T| >= |t|) with `df` degrees of freedom
 * (df may be fractional, as in Welch's test). `t = ±Infinity` gives 0, `t = NaN` gives NaN.
 */
export function studentTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return clampProbability(2 * jStat.studentt.cdf(-Math.abs(t), df));
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return clampProbability(2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/** The standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** The two-sided critical value of Student's t: |t| above it means p < alpha. */
export function studentCritical(alpha: number, df: number): number {
  return jStat.studentt.inv(1 - alpha / 2, df);
}

/** The two-sided critical value of the standard normal: |z| above it means p < alpha. */
export function normalCritical(alpha: number): number {
  return jStat.normal.inv(1 - alpha / 2, 0, 1);
}
