import { pairedBootstrap, DEFAULT_RESAMPLES, DEFAULT_SEED } from './bootstrap.js';
import { differences, mean, type Sample } from './descriptive.js';
import { cohensDz } from './effect-size.js';
import { choosePairedMethod, jarqueBera, type PairedMethod } from './normality.js';
import { pairedTTest } from './t-test.js';
import { DEFAULT_ALPHA, verdictOf, type Verdict } from './verdict.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

/** Options of `beforeAfterTest`. */
export interface BeforeAfterOptions {
  /** Significance level (default 0.05); the intervals are at 1 − alpha. */
  readonly alpha?: number;
  /** Bootstrap resamples (default 1000). */
  readonly resamples?: number;
  /** Seed of the bootstrap stream. */
  readonly seed?: number;
  /** 'auto' (default: the normality rule of `choosePairedMethod`), or a fixed test. */
  readonly method?: PairedMethod | 'auto';
}

/** A paired before/after test: the numbers every A/B row carries. */
export interface BeforeAfterResult {
  /** Pairs (customers) tested. */
  readonly customers: number;
  /** Mean of the before values. */
  readonly before: number;
  /** Mean of the after values. */
  readonly after: number;
  /** Mean of after − before. */
  readonly meanDifference: number;
  /** Bootstrap percentile interval of the mean difference at 1 − alpha. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** mean(after) / mean(before) − 1, a ratio (null when the before mean is 0). */
  readonly relativeChange: number | null;
  /** Bootstrap interval of the relative change (null when undefined). */
  readonly relativeLow: number | null;
  readonly relativeHigh: number | null;
  /** Two-sided p-value of the chosen test. */
  readonly pValue: number;
  readonly method: PairedMethod;
  /** t (t test) or z (Wilcoxon, normal approximation; also reported when the p is exact). */
  readonly statistic: number;
  /** Degrees of freedom of the t test; null for Wilcoxon. */
  readonly df: number | null;
  /** Jarque–Bera p-value of the differences (the method choice's evidence). */
  readonly normalityP: number;
  /** Cohen's d_z = mean(d) / sd(d). */
  readonly effectSize: number;
  /** Share of bootstrap resamples on which the test does not reject (see `pairedBootstrap`). */
  readonly acceptRatio: number;
  readonly verdict: Verdict;
}

/**
 * Tests H0 "after and before do not differ" on paired samples (one pair per customer):
 * the differences d = after − before go to the paired t test, or to the Wilcoxon signed-rank
 * test when `choosePairedMethod` finds them far from normal; the verdict is 'increase' or
 * 'decrease' when p < alpha, by the sign of the mean difference (t test) or of W+ − W−
 * (Wilcoxon), else 'no significant change'. A seeded bootstrap gives the interval of the
 * mean difference, of the relative change and the accept ratio.
 * @throws RangeError below two pairs or for samples of different lengths.
 */
export function beforeAfterTest(before: Sample, after: Sample, options: BeforeAfterOptions = {}): BeforeAfterResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const d = differences(before, after);
  if (d.length < 2) throw new RangeError(`a before/after test needs at least 2 pairs, got ${d.length}`);
  const normality = jarqueBera(d);
  const method = !options.method || options.method === 'auto' ? choosePairedMethod(d) : options.method;
  let pValue: number;
  let statistic: number;
  let df: number | null = null;
  let direction: number;
  if (method === 't') {
    const t = pairedTTest(d);
    pValue = t.pValue;
    statistic = t.t;
    df = t.df;
    direction = t.difference;
  } else {
    const w = wilcoxonSignedRank(d);
    pValue = w.pValue;
    statistic = w.z;
    direction = w.wPlus - w.wMinus;
  }
  const boot = pairedBootstrap(before, after, { resamples: options.resamples ?? DEFAULT_RESAMPLES, seed: options.seed ?? DEFAULT_SEED, confidence: 1 - alpha, alpha, method });
  const beforeMean = mean(before);
  const afterMean = mean(after);
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    customers: d.length,
    before: beforeMean,
    after: afterMean,
    meanDifference: mean(d),
    ciLow: boot.ciLow,
    ciHigh: boot.ciHigh,
    relativeChange: beforeMean > 0 ? afterMean / beforeMean - 1 : null,
    relativeLow: finiteOrNull(boot.relativeLow),
    relativeHigh: finiteOrNull(boot.relativeHigh),
    pValue,
    method,
    statistic,
    df,
    normalityP: normality.pValue,
    effectSize: cohensDz(d),
    acceptRatio: boot.acceptRatio,
    verdict: verdictOf(pValue, direction, alpha),
  };
}
