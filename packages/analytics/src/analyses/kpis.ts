import type { Measure, Row } from '@clvkit/core';
import { ParamReader } from '../params.js';
import { periodOf, rangeFilter, type Range } from '../period.js';
import { totals } from '../totals.js';
import { defineAnalysis, type AnalysisContext } from '../types.js';

/** The KPI metrics, in the order of the rows. */
export const KPI_METRICS = [
  'orders',
  'revenue',
  'discount',
  'sessions',
  'visitors',
  'buyers',
  'averageOrderValue',
  'averageBasketSize',
  'purchaseFrequency',
  'conversion',
  'historicalClv',
  'quantity',
] as const;

export type KpiMetric = (typeof KPI_METRICS)[number];

/**
 * `kpis`: one row `{ metric, value, previous, change }` per metric of `KPI_METRICS`, over the
 * period (the filter's interval on session_start, else the whole data range; see `Period`)
 * and over the previous period of equal length with the filter's other predicates.
 *
 * - orders = sessions with has_purchased; sessions = all sessions;
 * - revenue = Σ payment_amount of orders; discount = Σ discount_amount of orders;
 * - visitors = distinct clients with a session; buyers = distinct clients with an order;
 * - averageOrderValue = revenue / orders; averageBasketSize = quantity / orders;
 * - purchaseFrequency = orders / buyers; conversion = orders / sessions (a ratio, not percent);
 * - historicalClv = mean over buyers of their revenue in the period = revenue / buyers;
 * - quantity = Σ quantity of the basket lines (passing the filter) of those orders.
 * quantity and averageBasketSize are null without basket lines; a ratio is null when its
 * denominator is 0. change = (value - previous) / previous × 100, null when previous is 0 or
 * null (or value is null). meta: `{ period: [lo, hi] | null, previousPeriod: [lo, hi] | null }`.
 */
export const kpis = defineAnalysis({
  name: 'kpis',
  description: 'Headline KPIs for the period with the previous period and the change in percent',
  prefetch: true,
  params: (raw) => {
    new ParamReader('kpis', raw, []);
    return {};
  },
  run(context) {
    const period = periodOf(context);
    const current = metricsFor(context, period.range, period.rest);
    const previous = period.previous ? metricsFor(context, period.previous, period.rest) : null;
    const rows: Row[] = KPI_METRICS.map((metric) => {
      const value = current ? current[metric] : null;
      const before = previous ? previous[metric] : null;
      return { metric, value, previous: before, change: percentChange(value, before) };
    });
    return { rows, meta: { period: period.range, previousPeriod: period.previous } };
  },
});

/** (value - previous) / previous × 100; null when either is null or previous is 0. */
export function percentChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / previous) * 100;
}

function metricsFor(context: AnalysisContext, range: Range | null, rest: AnalysisContext['filter']): Record<KpiMetric, number | null> | null {
  if (!range) return null;
  const hasLines = Boolean(context.dataset.lines);
  const measures: Measure[] = ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers'];
  if (hasLines) measures.push('quantity');
  const t = totals(context, measures, [rest, rangeFilter(range)]);
  const orders = t.orders ?? 0;
  const revenue = t.revenue ?? 0;
  const buyers = t.buyers ?? 0;
  const sessions = t.sessions ?? 0;
  const quantity = hasLines ? (t.quantity ?? 0) : null;
  return {
    orders,
    revenue,
    discount: t.discount ?? 0,
    sessions,
    visitors: t.visitors ?? 0,
    buyers,
    averageOrderValue: ratio(revenue, orders),
    averageBasketSize: quantity === null ? null : ratio(quantity, orders),
    purchaseFrequency: ratio(orders, buyers),
    conversion: ratio(orders, sessions),
    historicalClv: ratio(revenue, buyers),
    quantity,
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
