import type { Filter, Measure, QueryResult, Row } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { planGroups, runGroups } from '../groups.js';
import { measureValue } from '../rows.js';
import { periodOf, rangeFilter, type Range } from './period.js';

/**
 * `kpis` pushed down: two ungrouped searches (the period and the previous period, each with the
 * filter's other clauses) give the totals; the ratios are derived here exactly as in
 * analyses/kpis.ts. The orders index always has a `basket`, so quantity and
 * averageBasketSize are numbers (in memory they are null for a dataset without lines).
 */
export const KPI_METRICS = ['orders', 'revenue', 'discount', 'sessions', 'visitors', 'buyers', 'averageOrderValue', 'averageBasketSize', 'purchaseFrequency', 'conversion', 'historicalClv', 'quantity'] as const;

type Metrics = Record<(typeof KPI_METRICS)[number], number | null>;

/** Runs `kpis`. */
export async function kpis(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const period = await periodOf(env, filter);
  const current = await metricsFor(env, period.range, period.rest);
  const previous = period.previous ? await metricsFor(env, period.previous, period.rest) : null;
  const rows: Row[] = KPI_METRICS.map((metric) => {
    const value = current ? current[metric] : null;
    const before = previous ? previous[metric] : null;
    return { metric, value, previous: before, change: percentChange(value, before) };
  });
  return { rows, meta: { period: period.range, previousPeriod: period.previous } };
}

/** (value - previous) / previous × 100; null when either is null or previous is 0. */
export function percentChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / previous) * 100;
}

/** Ungrouped totals of `measures` over the sessions passing every filter (zeros when none pass). */
export async function totals(env: QueryEnv, measures: readonly Measure[], filters: readonly Filter[]): Promise<Record<string, number>> {
  const plan = planGroups(env, { table: 'sessions', groupBy: [], names: [], measures, filters });
  const [group] = await runGroups(env, plan);
  const out: Record<string, number> = {};
  for (const m of measures) out[m] = group ? (measureValue(group, m) ?? 0) : 0;
  return out;
}

async function metricsFor(env: QueryEnv, range: Range | null, rest: Filter): Promise<Metrics | null> {
  if (!range) return null;
  const t = await totals(env, ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity'], [rest, rangeFilter(range)]);
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    orders: t.orders,
    revenue: t.revenue,
    discount: t.discount,
    sessions: t.sessions,
    visitors: t.visitors,
    buyers: t.buyers,
    averageOrderValue: ratio(t.revenue, t.orders),
    averageBasketSize: ratio(t.quantity, t.orders),
    purchaseFrequency: ratio(t.orders, t.buyers),
    conversion: ratio(t.orders, t.sessions),
    historicalClv: ratio(t.revenue, t.buyers),
    quantity: t.quantity,
  };
}
