import { twoSampleBootstrap, DEFAULT_RESAMPLES, DEFAULT_SEED } from './bootstrap.js';
import type { Sample } from './descriptive.js';
import { hedgesG } from './effect-size.js';
import { holmAdjust } from './holm.js';
import { welchTTest } from './t-test.js';
import { DEFAULT_ALPHA, verdictOf, type Verdict } from './verdict.js';

/** One group of a comparison: a name and its values (e.g. a promotion and its customers' uplifts). */
export interface ComparisonGroup {
  readonly name: string;
  readonly values: Sample;
}

/** Welch's test of one pair of groups, Holm-adjusted over all pairs. */
export interface PairComparison {
  readonly first: string;
  readonly second: string;
  readonly mean1: number;
  readonly mean2: number;
  /** mean1 − mean2. */
  readonly difference: number;
  readonly t: number;
  readonly df: number;
  readonly pValue: number;
  /** Holm-adjusted over every pair of the comparison. */
  readonly adjustedPValue: number;
  /** Hedges' g of first vs second. */
  readonly effectSize: number;
  /** 'increase': first is significantly higher (adjusted p < alpha); 'decrease': lower. */
  readonly verdict: Verdict;
}

/**
 * Welch's t test for every pair of groups (i < j, in the given order), with Holm's
 * adjustment over the m(m − 1)/2 pairs. Groups with fewer than 2 values are skipped.
 */
export function pairwiseWelch(groups: readonly ComparisonGroup[], alpha = DEFAULT_ALPHA): PairComparison[] {
  const usable = groups.filter((g) => g.values.length >= 2);
  const raw: Omit<PairComparison, 'adjustedPValue' | 'verdict'>[] = [];
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      const w = welchTTest(usable[i].values, usable[j].values);
      raw.push({ first: usable[i].name, second: usable[j].name, mean1: w.mean1, mean2: w.mean2, difference: w.difference, t: w.t, df: w.df, pValue: w.pValue, effectSize: hedgesG(usable[i].values, usable[j].values) });
    }
  }
  const adjusted = holmAdjust(raw.map((r) => r.pValue));
  return raw.map((r, k) => ({ ...r, adjustedPValue: adjusted[k], verdict: verdictOf(adjusted[k], r.difference, alpha) }));
}

/** A group against all the other groups pooled. */
export interface RestComparison {
  readonly name: string;
  readonly n: number;
  readonly restN: number;
  readonly mean: number;
  readonly restMean: number;
  readonly difference: number;
  readonly t: number;
  readonly df: number;
  readonly pValue: number;
  /** Holm-adjusted over the groups. */
  readonly adjustedPValue: number;
  /** Hedges' g of the group vs the rest. */
  readonly effectSize: number;
  /** Bootstrap interval of mean − restMean. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Share of bootstrap resamples on which Welch's test (at alpha, unadjusted) does not reject. */
  readonly acceptRatio: number;
  readonly verdict: Verdict;
}

/** Options of `compareWithRest`. */
export interface CompareOptions {
  readonly alpha?: number;
  readonly resamples?: number;
  /** Seed of group g's bootstrap: `seedOf(name)` (default: a constant). */
  readonly seedOf?: (name: string) => number;
}

/** `RestComparison` before the Holm adjustment over the groups. */
export type UnadjustedRestComparison = Omit<RestComparison, 'adjustedPValue' | 'verdict'>;

/**
 * Group `index` of `groups` against the union of the others: Welch's t test, Hedges' g and a
 * seeded two-sample bootstrap (interval of the difference, accept ratio). Groups with fewer
 * than 2 values are left out of the rest; the group itself needs 2+ values and the rest too.
 */
export function compareOneWithRest(groups: readonly ComparisonGroup[], index: number, options: CompareOptions = {}): UnadjustedRestComparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const group = groups[index];
  const rest: number[] = [];
  groups.forEach((other, k) => {
    if (k !== index && other.values.length >= 2) for (let i = 0; i < other.values.length; i++) rest.push(other.values[i]);
  });
  const w = welchTTest(group.values, rest);
  const boot = twoSampleBootstrap(group.values, rest, { alpha, confidence: 1 - alpha, resamples: options.resamples ?? DEFAULT_RESAMPLES, seed: options.seedOf?.(group.name) ?? DEFAULT_SEED });
  return { name: group.name, n: w.n1, restN: w.n2, mean: w.mean1, restMean: w.mean2, difference: w.difference, t: w.t, df: w.df, pValue: w.pValue, effectSize: hedgesG(group.values, rest), ciLow: boot.ciLow, ciHigh: boot.ciHigh, acceptRatio: boot.acceptRatio };
}

/** Holm-adjusts the p-values of the groups' comparisons (one family) and gives each its verdict. */
export function adjustRestComparisons(partial: readonly UnadjustedRestComparison[], alpha = DEFAULT_ALPHA): RestComparison[] {
  const adjusted = holmAdjust(partial.map((p) => p.pValue));
  return partial.map((p, g) => ({ ...p, adjustedPValue: adjusted[g], verdict: verdictOf(adjusted[g], p.difference, alpha) }));
}

/**
 * Each group against the union of the others with Welch's t test, Holm-adjusted over the
 * groups (one family), plus a seeded two-sample bootstrap for the interval and the accept
 * ratio. Needs at least two groups with 2+ values; others are skipped.
 */
export function compareWithRest(groups: readonly ComparisonGroup[], options: CompareOptions = {}): RestComparison[] {
  const usable = groups.filter((g) => g.values.length >= 2);
  if (usable.length < 2) return [];
  return adjustRestComparisons(usable.map((_, g) => compareOneWithRest(usable, g, options)), options.alpha);
}
