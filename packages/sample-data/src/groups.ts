/**
 * Customer groups: each customer belongs to one, which fixes their buying rhythm, so RFM,
 * churn, cohorts and CLV have real structure to find. Gaps are in "intensity days" (see
 * seasonality.ts), i.e. ordinary days on average.
 */

/** Names of the customer groups. */
export type CustomerGroup = 'champion' | 'weekly' | 'monthly' | 'occasional' | 'churner' | 'one-timer' | 'browser';

/** How a group buys. */
export interface GroupProfile {
  readonly name: CustomerGroup;
  readonly description: string;
  /** Share of new customers that join this group. */
  readonly share: number;
  /** Mean days from first contact to the first order (null: never orders). */
  readonly firstOrderDays: number | null;
  /** Mean days between orders (null: at most one order). */
  readonly meanGapDays: number | null;
  /** Gamma shape of the gaps: higher is more regular. */
  readonly gapShape: number;
  /** Chance of stopping for good after each order. */
  readonly stopChance: number;
  /** Churners stop this many days (uniform range) after their first order. */
  readonly lifetimeDays: readonly [number, number] | null;
  /** Mean extra basket lines beyond the first. */
  readonly basketLines: number;
}

/** The groups, in a fixed order (their index is what `PlantedEffects.customerGroups` stores). */
export const GROUPS: readonly GroupProfile[] = [
  { name: 'champion', description: 'high-value regulars: an order every ~5 days, big baskets', share: 0.045, firstOrderDays: 1, meanGapDays: 5, gapShape: 4, stopChance: 0.003, lifetimeDays: null, basketLines: 3.4 },
  { name: 'weekly', description: 'weekly regulars', share: 0.1, firstOrderDays: 2, meanGapDays: 8, gapShape: 4, stopChance: 0.006, lifetimeDays: null, basketLines: 1.6 },
  { name: 'monthly', description: 'monthly buyers', share: 0.18, firstOrderDays: 4, meanGapDays: 30, gapShape: 3, stopChance: 0.02, lifetimeDays: null, basketLines: 2.0 },
  { name: 'occasional', description: 'occasional buyers, irregular gaps of ~3 months', share: 0.175, firstOrderDays: 10, meanGapDays: 85, gapShape: 1.3, stopChance: 0.05, lifetimeDays: null, basketLines: 1.8 },
  { name: 'churner', description: 'start fortnightly, then churn for good 2 to 5 months after their first order', share: 0.13, firstOrderDays: 2, meanGapDays: 13, gapShape: 2.5, stopChance: 0, lifetimeDays: [60, 150], basketLines: 1.6 },
  { name: 'one-timer', description: 'exactly one order', share: 0.245, firstOrderDays: 4, meanGapDays: null, gapShape: 1, stopChance: 1, lifetimeDays: null, basketLines: 1.4 },
  { name: 'browser', description: 'sign up and browse, never order', share: 0.125, firstOrderDays: null, meanGapDays: null, gapShape: 1, stopChance: 1, lifetimeDays: null, basketLines: 0 },
];

/** Cumulative group shares, for drawing a customer's group. */
export const GROUP_CUMULATIVE: Float64Array = (() => {
  const out = new Float64Array(GROUPS.length);
  let sum = 0;
  GROUPS.forEach((g, i) => {
    sum += g.share;
    out[i] = sum;
  });
  return out;
})();

/** Index of a group by name. */
export function groupIndex(name: CustomerGroup): number {
  return GROUPS.findIndex((g) => g.name === name);
}
