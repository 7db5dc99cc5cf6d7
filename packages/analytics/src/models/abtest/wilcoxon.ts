import type { Sample } from './descriptive.js';
import { normalTwoSided } from './distributions.js';

/** The result of a Wilcoxon signed-rank test. */
export interface WilcoxonResult {
  /** Non-zero differences ranked (zeros are dropped, Wilcoxon's original rule). */
  readonly n: number;
  /** Differences equal to zero, left out. */
  readonly zeros: number;
  /** Sum of the ranks of the positive differences. */
  readonly wPlus: number;
  /** Sum of the ranks of the negative differences (wPlus + wMinus = n(n + 1) / 2). */
  readonly wMinus: number;
  /** min(wPlus, wMinus): the statistic printed tables give critical values for. */
  readonly statistic: number;
  /** (wPlus − n(n + 1)/4) / σ with the tie-corrected σ; 0 when n = 0. */
  readonly z: number;
  /** Two-sided p-value (exact or normal, see `exact`). */
  readonly pValue: number;
  /** True when `pValue` is the exact permutation p-value, false for the normal approximation. */
  readonly exact: boolean;
}

/** Options of `wilcoxonSignedRank`. */
export interface WilcoxonOptions {
  /**
   * `'auto'` (default): exact when there are at most `EXACT_LIMIT` non-zero differences and
   * no ties among their absolute values, else the normal approximation; `true` forces the
   * exact distribution (only without ties), `false` the normal approximation.
   */
  readonly exact?: boolean | 'auto';
}

/** Largest n for which `'auto'` uses the exact distribution (2^25 sign patterns, counted by dynamic programming). */
export const EXACT_LIMIT = 25;

/**
 * Wilcoxon signed-rank test of H0: the differences are symmetric about 0.
 *
 * Zeros are dropped; the absolute values of the rest are ranked 1..n, ties getting the mean of
 * their ranks; W+ is the sum of the ranks of the positive differences. Normal approximation:
 * E[W+] = n(n + 1)/4, Var[W+] = n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48 over tie groups of size t,
 * z = (W+ − E) / √Var without continuity correction, p = 2(1 − Φ(|z|)). Exact: the null
 * distribution of W+ (each rank's sign a fair coin), p = min(1, 2·min(P(W+ ≤ w), P(W+ ≥ w))).
 */
export function wilcoxonSignedRank(differences: Sample, options: WilcoxonOptions = {}): WilcoxonResult {
  const nonZero: number[] = [];
  for (let i = 0; i < differences.length; i++) if (differences[i] !== 0) nonZero.push(differences[i]);
  const zeros = differences.length - nonZero.length;
  const n = nonZero.length;
  if (n === 0) return { n, zeros, wPlus: 0, wMinus: 0, statistic: 0, z: 0, pValue: 1, exact: true };
  const order = nonZero.map((_, i) => i).sort((a, b) => Math.abs(nonZero[a]) - Math.abs(nonZero[b]));
  let wPlus = 0;
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && Math.abs(nonZero[order[end]]) === Math.abs(nonZero[order[start]])) end++;
    const size = end - start;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; k++) if (nonZero[order[k]] > 0) wPlus += rank;
    tieTerm += size ** 3 - size;
    start = end;
  }
  const total = (n * (n + 1)) / 2;
  const wMinus = total - wPlus;
  const z = signedRankZ(wPlus, n, tieTerm);
  const mode = options.exact ?? 'auto';
  const exact = tieTerm === 0 && (mode === true || (mode === 'auto' && n <= EXACT_LIMIT));
  if (mode === true && tieTerm !== 0) throw new RangeError('the exact Wilcoxon distribution needs differences without ties');
  const pValue = exact ? exactSignedRankP(wPlus, n) : normalTwoSided(z);
  return { n, zeros, wPlus, wMinus, statistic: Math.min(wPlus, wMinus), z, pValue, exact };
}

/** z of W+ under the normal approximation with tie correction (`tieTerm` = Σ(t³ − t)). */
export function signedRankZ(wPlus: number, n: number, tieTerm: number): number {
  if (n === 0) return 0;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const centred = wPlus - (n * (n + 1)) / 4;
  if (!(variance > 0)) return centred === 0 ? 0 : centred > 0 ? Infinity : -Infinity;
  return centred / Math.sqrt(variance);
}

/**
 * Exact two-sided p of W+ = w for n untied ranks: counts[s] = the number of subsets of
 * {1..n} summing to s (dynamic programming), P(W+ = s) = counts[s] / 2^n.
 */
export function exactSignedRankP(w: number, n: number): number {
  const total = (n * (n + 1)) / 2;
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let s = total; s >= rank; s--) counts[s] += counts[s - rank];
  }
  const patterns = 2 ** n;
  let below = 0;
  let above = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= w) below += counts[s];
    if (s >= w) above += counts[s];
  }
  return Math.min(1, (2 * Math.min(below, above)) / patterns);
}
