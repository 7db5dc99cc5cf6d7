import type { Filter, QueryResult, Row, TimeUnit } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { planGroups, runGroups } from '../groups.js';
import { bucketedPeriodFilters, daysIn, periodBucketStarts, periodOf, sessionExtent, type Range } from './period.js';

/**
 * `orders_over_time`-style analyses (daily_orders, weekly_orders, monthly_orders) and
 * `hourly_orders`, pushed down as one grouped search on session_start; the buckets of the
 * period are laid out here with the calendar (as analyses/orders-over-time.ts does), empty
 * ones as zeros.
 */

/** orders and revenue per calendar bucket of the period. */
export async function ordersOverTime(env: QueryEnv, filter: Filter, unit: TimeUnit): Promise<QueryResult> {
  let extent: Range | null | undefined;
  const getExtent = async () => (extent === undefined ? (extent = await sessionExtent(env)) : extent);
  const period = await periodOf(env, filter, getExtent);
  const meta = { unit, period: period.range };
  if (!period.range) return { rows: [], meta };
  const starts = periodBucketStarts(env, unit, period, await getExtent());
  if (starts.length === 0) return { rows: [], meta };
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'session_start', bucket: unit }], names: ['bucket'], measures: ['orders', 'revenue'], filters: bucketedPeriodFilters(period) });
  const groups = new Map((await runGroups(env, plan)).map((g) => [g.keys[0], g]));
  const rows: Row[] = starts.map((bucket) => {
    const g = groups.get(bucket);
    return { bucket, orders: g?.values.orders ?? 0, revenue: g?.values.revenue ?? 0 };
  });
  return { rows, meta };
}

/** Mean orders and revenue per local hour of day over the days of the period. */
export async function hourlyOrders(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const period = await periodOf(env, filter);
  const days = daysIn(env, period.range);
  const meta = { days, period: period.range };
  const rows: Row[] = [];
  if (!period.range || days === 0) {
    for (let hour = 0; hour < 24; hour++) rows.push({ hour, orders: 0, revenue: 0 });
    return { rows, meta };
  }
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], names: ['hour'], measures: ['orders', 'revenue'], filters: bucketedPeriodFilters(period) });
  const groups = new Map((await runGroups(env, plan)).map((g) => [g.keys[0], g]));
  for (let hour = 0; hour < 24; hour++) {
    const g = groups.get(hour);
    rows.push({ hour, orders: (g?.values.orders ?? 0) / days, revenue: (g?.values.revenue ?? 0) / days });
  }
  return { rows, meta };
}
