import type { Row } from '@clvkit/core';

/**
 * The conversion fields of one funnel step:
 * - conversionFromPrevious = count / the previous step's count;
 * - conversionFromFirst = count / the first step's count;
 * both null when their denominator is 0. The first step has 1 for both (null when it is 0).
 * Ratios of means equal ratios of sums, so hourly means convert like totals.
 */
export function conversions(counts: ArrayLike<number>, offset: number, step: number): { conversionFromPrevious: number | null; conversionFromFirst: number | null } {
  const count = counts[offset + step];
  const first = counts[offset];
  const previous = step === 0 ? first : counts[offset + step - 1];
  return {
    conversionFromPrevious: previous > 0 ? count / previous : null,
    conversionFromFirst: first > 0 ? count / first : null,
  };
}

/**
 * Long-format funnel rows for one group of `steps.length` counts starting at `offset` of
 * `counts`: `{ ...head, step, stepIndex, count, conversionFromPrevious, conversionFromFirst }`
 * per step, counts divided by `divisor` (1 for totals, the number of days for hourly means).
 */
export function pushFunnelRows(rows: Row[], head: Row, steps: readonly string[], counts: ArrayLike<number>, offset: number, divisor = 1): void {
  for (let s = 0; s < steps.length; s++) {
    const count = divisor > 0 ? counts[offset + s] / divisor : 0;
    rows.push({ ...head, step: steps[s], stepIndex: s, count, ...conversions(counts, offset, s) });
  }
}
