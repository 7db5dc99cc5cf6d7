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
 * dcohort_anomaly: three download days with the first-order counts of days 0..6 after the
 * download; August 7 is flagged (score 3.1).
 */
export const COHORT_ANOMALY: QueryResult<Record<string, unknown>> = {
  rows: [
    { key: '2025-08-06', value: 41, score: 0.4, anomaly: false, features: { '0': 20, '1': 8, '2': 5, '3': 3, '4': 2, '5': 2, '6': 1 } },
    { key: '2025-08-07', value: 9, score: 3.1, anomaly: true, features: { '0': 2, '1': 1, '2': 2, '3': 1, '4': 1, '5': 1, '6': 1 } },
    { key: '2025-08-08', value: 44, score: 0.7, anomaly: false, features: { '0': 22, '1': 9, '2': 5, '3': 3, '4': 2, '5': 2, '6': 1 } },
  ],
  meta: { threshold: 1.5, median: 0.5, mad: 0.2, epochs: 30, finalLoss: 0.02 },
};
