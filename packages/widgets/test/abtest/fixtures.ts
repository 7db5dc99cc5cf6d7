import type { QueryResult, QuerySpec, Row } from '@clvkit/core';

/**
 * Rows of the A/B analyses written out by hand in BRIEF4's A/B row contract (not computed by
 * clvkit), for the A/B widget tests and stories. The promotion figures are those the
 * analytics tests measured on the 50k-order sample shop (BUNDLEUP +46.6 %, THANKYOU −8.8 %).
 */
const test = (subject: string, extra: Partial<Record<string, unknown>>): Row => ({
  test: 'promotion_usage_before_after_amount',
  subject,
  customers: 100,
  before: 60,
  after: 60,
  meanDifference: 0,
  ciLow: -5,
  ciHigh: 5,
  relativeChange: 0,
  relativeLow: -0.08,
  relativeHigh: 0.08,
  pValue: 0.9,
  method: 'wilcoxon',
  statistic: 0.1,
  df: null,
  effectSize: 0.01,
  acceptRatio: 0.95,
  verdict: 'no significant change',
  ...extra,
});

/** `promotion_usage_before_after_amount`: every tested promotion, biggest change first. */
export const PROMOTION_AMOUNT: QueryResult<Row> = {
  rows: [
    test('BUNDLEUP', { customers: 95, before: 63.78, after: 93.51, meanDifference: 29.73, ciLow: 16.26, ciHigh: 43.26, relativeChange: 0.4662, relativeLow: 0.25, relativeHigh: 0.7, pValue: 0.0000017, statistic: 4.79, effectSize: 0.62, acceptRatio: 0, verdict: 'increase' }),
    test('XMAS25', { customers: 381, before: 58.5, after: 56.76, meanDifference: -1.74, ciLow: -6.35, ciHigh: 2.52, relativeChange: -0.0299, relativeLow: -0.105, relativeHigh: 0.043, pValue: 0.68, acceptRatio: 0.936 }),
    test('THANKYOU', { customers: 189, before: 63.44, after: 57.83, meanDifference: -5.61, ciLow: -13.5, ciHigh: 2.34, relativeChange: -0.0885, relativeLow: -0.2, relativeHigh: 0.04, pValue: 0.12, acceptRatio: 0.657 }),
    test('BF25', { customers: 296, before: 62.44, after: 49.66, meanDifference: -12.78, ciLow: -17.99, ciHigh: -7.58, relativeChange: -0.2047, relativeLow: -0.28, relativeHigh: -0.12, pValue: 0.000036, acceptRatio: 0.016, verdict: 'decrease' }),
  ],
  meta: {
    test: 'promotion_usage_before_after_amount',
    outcome: 'all',
    windowDays: 7,
    alpha: 0.05,
    resamples: 1000,
    metric: 'amount',
    kind: 'promotion',
    tested: 4,
    pairsSubject: 'BUNDLEUP',
    // 3 rose, 1 fell, 1 the same
    pairs: [
      { client: 'C000001', before: 50, after: 80 },
      { client: 'C000002', before: 70, after: 95 },
      { client: 'C000003', before: 40, after: 60 },
      { client: 'C000004', before: 90, after: 75 },
      { client: 'C000005', before: 55, after: 55 },
    ],
  },
};

/** `promotion_usage_before_after_orders`: orders per customer (relative changes). */
export const PROMOTION_ORDERS: QueryResult<Row> = {
  rows: [
    test('BUNDLEUP', { test: 'promotion_usage_before_after_orders', customers: 356, before: 0.33, after: 0.77, meanDifference: 0.44, ciLow: 0.37, ciHigh: 0.52, relativeChange: 1.35, relativeLow: 1.05, relativeHigh: 1.7, pValue: 0, verdict: 'increase', acceptRatio: 0 }),
    test('THANKYOU', { test: 'promotion_usage_before_after_orders', customers: 636, before: 0.37, after: 0.42, meanDifference: 0.05, ciLow: -0.01, ciHigh: 0.1, relativeChange: 0.136, relativeLow: -0.02, relativeHigh: 0.29, pValue: 0.093 }),
  ],
  meta: { test: 'promotion_usage_before_after_orders', outcome: 'all', windowDays: 7, metric: 'orders', kind: 'promotion' },
};

/** `segments_change_weekly_before_after_orders`: one segment with a before mean of 0 (no relative change). */
export const SEGMENT_ORDERS: QueryResult<Row> = {
  rows: [
    test('Champions', { test: 'segments_change_weekly_before_after_orders', customers: 1314, before: 0.186, after: 0.15, meanDifference: -0.036, ciLow: -0.05, ciHigh: -0.02, relativeChange: -0.1935, relativeLow: -0.27, relativeHigh: -0.11, pValue: 0.0004, method: 't', df: 1313, verdict: 'decrease' }),
    test('Lost', { test: 'segments_change_weekly_before_after_orders', customers: 492, before: 0, after: 0.01, meanDifference: 0.01, ciLow: 0, ciHigh: 0.02, relativeChange: null, relativeLow: null, relativeHigh: null, pValue: 0.08, method: 't', df: 491 }),
  ],
  meta: { test: 'segments_change_weekly_before_after_orders', period: 'weekly', metric: 'orders' },
};

/** `promotion_comparison`: one point per promotion. */
export const COMPARISON: QueryResult<Row> = {
  rows: [
    { ...test('BUNDLEUP', { customers: 95, meanDifference: 35.2, method: 'welch', pValue: 0.00001, verdict: 'increase', acceptRatio: 0, effectSize: 0.7 }), test: 'promotion_comparison', uplift: 29.73, restUplift: -5.5, rejectRatio: 1, wins: 6, losses: 0, ties: 1 },
    { ...test('THANKYOU', { customers: 189, meanDifference: -0.1, method: 'welch', pValue: 1, acceptRatio: 0.856 }), test: 'promotion_comparison', uplift: -5.61, restUplift: -5.5, rejectRatio: 0.144, wins: 0, losses: 1, ties: 6 },
    { ...test('BF25', { customers: 296, meanDifference: -9, method: 'welch', pValue: 0.01, verdict: 'decrease', acceptRatio: 0.2 }), test: 'promotion_comparison', uplift: -12.78, restUplift: -3.8, rejectRatio: 0.8, wins: 0, losses: 1, ties: 6 },
  ],
  meta: { test: 'promotion_comparison', metric: 'amount', windowDays: 7, pairs: [] },
};

/** `order_and_payment_amount_differences`. */
export const DIFFERENCES: QueryResult<Row> = {
  rows: [
    { subject: 'BUNDLEUP', customers: 356, ordersDifference: 0.44, ordersVerdict: 'increase', amountCustomers: 95, amountDifference: 29.73, amountVerdict: 'increase' },
    { subject: 'THANKYOU', customers: 636, ordersDifference: 0.05, ordersVerdict: 'no significant change', amountCustomers: 189, amountDifference: -5.61, amountVerdict: 'no significant change' },
    { subject: 'BF25', customers: 576, ordersDifference: 0.33, ordersVerdict: 'increase', amountCustomers: 296, amountDifference: -12.78, amountVerdict: 'decrease' },
  ],
  meta: { test: 'order_and_payment_amount_differences', windowDays: 7 },
};

/** The canned result of any A/B spec (the segment and product tests reuse the shapes above). */
export function abResult(spec: QuerySpec): QueryResult<Row> {
  const name = spec.kind === 'analysis' ? spec.name : '';
  if (name === 'promotion_comparison') return COMPARISON;
  if (name === 'order_and_payment_amount_differences') return DIFFERENCES;
  if (name.startsWith('segments_change_')) return SEGMENT_ORDERS;
  if (name.endsWith('_orders') || name.includes('_orders_')) return PROMOTION_ORDERS;
  // The promotion picker's aggregate: orders per promotion_id (organic orders under null).
  if (spec.kind === 'aggregate') return { rows: [null, 'XMAS25', 'THANKYOU', 'BF25', 'BUNDLEUP'].map((promotion_id, i) => ({ promotion_id, orders: 500 - i * 100 })) };
  if (name.startsWith('product_')) {
    return { rows: PROMOTION_AMOUNT.rows.map((r, i) => ({ ...r, test: 'product_usage_before_after_amount', subject: ['Oxford Shirt', 'Cat Litter 10L', 'Espresso Beans 1kg', 'Spaghetti 500g'][i] })), meta: { ...PROMOTION_AMOUNT.meta, kind: 'product', pairs: undefined } };
  }
  return PROMOTION_AMOUNT;
}

/** An engine for stories: answers `abResult` after `delay` ms, or stays loading / empty / fails. */
export type AbMode = 'ready' | 'loading' | 'empty' | 'error';
export function abEngine(mode: AbMode = 'ready', delay = 150) {
  return {
    query<R = Row>(spec: QuerySpec, options: { signal?: AbortSignal } = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (mode === 'error') reject(new Error('The analytics worker stopped (out of memory). Reload the page or load less data.'));
          else if (mode === 'empty') resolve({ rows: [], meta: { tested: 0 } } as QueryResult<R>);
          else resolve(abResult(spec) as QueryResult<R>);
        }, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}
