/**
 * The direct comparison of a daily series with the same weekday of the previous weeks (the
 * seed's "% increase / decrease compared with previous days").
 */

/** Expected value and deviation of one day. */
export interface SameWeekdayDeviation {
  /** The median of the same weekday's values in the previous `weeks` weeks; null without that history. */
  readonly expected: number | null;
  /** 100 × (value − expected) / expected; null when expected is null or 0. */
  readonly deviationPercent: number | null;
}

/**
 * For day i of a gap-free daily series: expected = the median of values[i − 7], values[i − 14],
 * …, values[i − 7 × weeks] (all must exist and be non-NaN, else null), and the deviation of
 * values[i] from it in percent. The median, not the mean, so one broken week (a planted outage)
 * does not shift the expectation of the following weeks.
 */
export function sameWeekdayDeviation(values: ArrayLike<number>, i: number, weeks = 4): SameWeekdayDeviation {
  const expected = sameWeekdayExpected(values, i, weeks);
  return { expected, deviationPercent: percentDeviation(values[i], expected) };
}

/** The median of the same weekday in the previous `weeks` weeks (see `sameWeekdayDeviation`), or null. */
export function sameWeekdayExpected(values: ArrayLike<number>, i: number, weeks = 4): number | null {
  if (!(weeks >= 1) || i - 7 * weeks < 0 || i >= values.length) return null;
  const lagged: number[] = [];
  for (let w = 1; w <= weeks; w++) {
    const v = values[i - 7 * w];
    if (Number.isNaN(v)) return null;
    lagged.push(v);
  }
  lagged.sort((a, b) => a - b);
  const mid = lagged.length >> 1;
  return lagged.length % 2 === 1 ? lagged[mid] : (lagged[mid - 1] + lagged[mid]) / 2;
}

/** 100 × (value − expected) / expected, null when expected is null or 0 or value is NaN. */
export function percentDeviation(value: number, expected: number | null): number | null {
  if (expected === null || expected === 0 || Number.isNaN(value)) return null;
  return (100 * (value - expected)) / expected;
}

/**
 * 2(√(value + 3/8) − √(expected + 3/8)): the difference of two counts on Anscombe's
 * variance-stabilising scale, where a Poisson count has a standard deviation of about 1/2
 * whatever its mean, so the difference reads in comparable units on slow and busy days.
 */
export function anscombeDifference(value: number, expected: number): number {
  return 2 * (Math.sqrt(value + 0.375) - Math.sqrt(expected + 0.375));
}
