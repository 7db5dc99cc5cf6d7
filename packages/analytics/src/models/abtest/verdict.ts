/** What a before/after (or comparison) test concluded. */
export type Verdict = 'increase' | 'decrease' | 'no significant change';

/** The default significance level. */
export const DEFAULT_ALPHA = 0.05;

/**
 * 'increase' or 'decrease' (by the sign of `direction`) when p < alpha, else
 * 'no significant change' (also for a NaN p or a zero direction).
 */
export function verdictOf(pValue: number, direction: number, alpha = DEFAULT_ALPHA): Verdict {
  if (!(pValue < alpha) || direction === 0 || Number.isNaN(direction)) return 'no significant change';
  return direction > 0 ? 'increase' : 'decrease';
}
