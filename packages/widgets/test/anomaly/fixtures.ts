import type { QueryResult } from '@clvkit/core';

/**
 * Anomaly rows written by hand in the contract of BRIEF4 ("Anomaly"): `{ key, day?, value,
 * expected?, deviationPercent?, score, anomaly, features? }`, meta `{ threshold, median, mad,
 * epochs, finalLoss }`. Not produced by the analyses: the widgets are tested against the
 * contract.
 */
export const DAY = 86_400_000;
/** Monday, July 28, 2025 (UTC). */
export const JUL28 = Date.UTC(2025, 6, 28);
/** Thursday, August 7, 2025: the planted broken checkout. */
export const AUG7 = Date.UTC(2025, 7, 7);

/** ISO day of `ms` (UTC). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Daily orders July 28 .. August 10, 2025 (14 days): 80 orders a day against 80 expected,
 * except Thursday August 7 (12 orders, −85 %, score 4.2) and Saturday August 9 (130, +62.5 %,
 * score 1.9), both above the threshold 1.3; the other days score 0.2 .. 0.5.
 */
export function ordersAnomaly(options: { withDay?: boolean } = {}): QueryResult<Record<string, unknown>> {
  const rows = Array.from({ length: 14 }, (_, i) => {
    const day = JUL28 + i * DAY;
    const key = iso(day);
    const value = key === '2025-08-07' ? 12 : key === '2025-08-09' ? 130 : 80;
    const score = key === '2025-08-07' ? 4.2 : key === '2025-08-09' ? 1.9 : 0.2 + (i % 4) * 0.1;
    return {
      key,
      ...(options.withDay === false ? {} : { day }),
      value,
      expected: 80,
      // (12 − 80) / 80 = −85 %; (130 − 80) / 80 = +62.5 %.
      deviationPercent: ((value - 80) / 80) * 100,
      score,
      anomaly: score > 1.3,
    };
  });
  return { rows, meta: { threshold: 1.3, median: 0.35, mad: 0.1, epochs: 20, finalLoss: 0.0123 } };
}

/**
 * dcohort_anomaly: three download days; features within_k = the cohort's customers whose first
 * order came within k days of the download / cohort size (cumulative; the analysis also shrinks
 * them a little toward the average, which does not matter here), customers = cohort size;
 * value = the share ordering within 7 days; expected 0.8 (the same weekday of the previous
 * weeks). August 7 is flagged.
 * - Aug 6: 40 customers, first orders 16, 6, 4, 2, 2, 1, 1 -> within .4 .55 .65 .7 .75 .775 .8, value .8;
 * - Aug 7: 40 customers, 2, 1, 1, 0, 1, 0, 1 -> .05 .075 .1 .1 .125 .125 .15, value .15 (−81.25 %);
 * - Aug 8: 50 customers, 21, 8, 5, 3, 2, 1, 1 -> .42 .58 .68 .74 .78 .8 .82, value .82 (+2.5 %).
 */
function cohortRow(key: string, customers: number, firsts: number[], score: number, anomaly: boolean) {
  let sum = 0;
  const within = firsts.map((n) => (sum += n) / customers);
  const value = sum / customers;
  const features: Record<string, number> = {};
  within.forEach((share, k) => (features[`within_${k}`] = share));
  features.customers = customers;
  return { key, day: Date.parse(`${key}T00:00:00Z`), value, expected: 0.8, deviationPercent: ((value - 0.8) / 0.8) * 100, score, anomaly, features };
}

export const COHORT_ANOMALY: QueryResult<Record<string, unknown>> = {
  rows: [
    cohortRow('2025-08-06', 40, [16, 6, 4, 2, 2, 1, 1], 0.4, false),
    cohortRow('2025-08-07', 40, [2, 1, 1, 0, 1, 0, 1], 3.1, true),
    cohortRow('2025-08-08', 50, [21, 8, 5, 3, 2, 1, 1], 0.7, false),
  ],
  meta: { threshold: 1.5, median: 0.5, mad: 0.2, epochs: 30, finalLoss: 0.02 },
};
