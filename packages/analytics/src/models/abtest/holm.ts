/**
 * Holm's step-down adjustment of m p-values (family-wise error control): sort ascending,
 * p_(i) becomes max over j ≤ i of min(1, (m − j + 1) · p_(j)); returned in the input order.
 * Rejecting where the adjusted p < alpha is Holm's procedure at level alpha. NaN p-values
 * stay NaN and do not count in m.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((_, i) => i).filter((i) => !Number.isNaN(pValues[i]));
  order.sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = pValues.map(() => Number.NaN);
  const m = order.length;
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}
