import { isIn, present, type Filter, type Measure, type QueryResult, type Row } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { planGroups, runGroups } from '../groups.js';
import { measureValue } from '../rows.js';
import { bucketedPeriodFilters, periodBucketStarts, periodOf, sessionExtent, type Range } from './period.js';

/**
 * Per-bucket tables pushed down as grouped measures on session_start (and a second key):
 * weekly_average_* (a ratio of two measures per week of the period), daily_dimension_values
 * (orders and revenue per day and dimension) and the promotion-day reports (promoted orders
 * per day and promotion, with revenue or discount), with the rows of the in-memory analyses.
 */

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function periodWithExtent(env: QueryEnv, filter: Filter) {
  let extent: Range | null | undefined;
  const getExtent = async () => (extent === undefined ? (extent = await sessionExtent(env)) : extent);
  const period = await periodOf(env, filter, getExtent);
  return { period, extent: period.range ? await getExtent() : null };
}

/** A weekly ratio: `{ bucket, [fields[0]]: numerator, [fields[1]]: denominator, [fields[2]]: ratio }` per week of the period. */
export async function weeklyAverage(env: QueryEnv, filter: Filter, fields: readonly [string, string, string], measures: readonly [Measure, Measure]): Promise<QueryResult> {
  const { period, extent } = await periodWithExtent(env, filter);
  const meta = { unit: 'week', period: period.range, value: fields[2] };
  if (!period.range) return { rows: [], meta };
  const starts = periodBucketStarts(env, 'week', period, extent);
  if (starts.length === 0) return { rows: [], meta };
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'session_start', bucket: 'week' }], names: ['bucket'], measures, filters: bucketedPeriodFilters(period) });
  const groups = new Map((await runGroups(env, plan)).map((g) => [g.keys[0], g]));
  const rows: Row[] = starts.map((bucket) => {
    const g = groups.get(bucket);
    const top = g ? (measureValue(g, measures[0]) ?? 0) : 0;
    const bottom = g ? (measureValue(g, measures[1]) ?? 0) : 0;
    return { bucket, [fields[0]]: top, [fields[1]]: bottom, [fields[2]]: bottom > 0 ? top / bottom : null };
  });
  return { rows, meta };
}

/** `daily_dimension_values`: `{ bucket, dimension, orders, revenue }` per (day, value) with a session. */
export async function dailyDimensionValues(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'dimension' }], names: ['bucket', 'dimension'], measures: ['orders', 'revenue'], filters: [filter] });
  const rows: Row[] = (await runGroups(env, plan))
    .filter((g) => g.keys[1] !== null)
    .map((g) => ({ bucket: g.keys[0], dimension: g.keys[1], orders: g.values.orders ?? 0, revenue: g.values.revenue ?? 0 }));
  // The in-memory analysis orders by day, then by localeCompare of the value.
  rows.sort((a, b) => Number(a.bucket) - Number(b.bucket) || String(a.dimension).localeCompare(String(b.dimension)));
  return { rows, meta: { unit: 'day' } };
}

/** The promotion-day reports: promoted orders per (day of the period, promotion), plus revenue or discount. */
export async function promotionDays(env: QueryEnv, filter: Filter, amount: 'revenue' | 'discount' | null): Promise<QueryResult> {
  const { period, extent } = await periodWithExtent(env, filter);
  const meta = { unit: 'day', period: period.range };
  const starts = period.range ? periodBucketStarts(env, 'day', period, extent) : [];
  if (starts.length === 0) return { rows: [], meta: { ...meta, promotions: [] } };
  const promoted: Filter = { mode: 'and', predicates: [isIn('has_purchased', [true]), present('promotion_id')] };
  const measures: Measure[] = amount === null ? ['orders'] : ['orders', amount];
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'promotion_id' }], names: ['bucket', 'promotion'], measures, filters: [...bucketedPeriodFilters(period), promoted] });
  const days = new Set(starts);
  const groups = (await runGroups(env, plan)).filter((g) => days.has(g.keys[0] as number) && g.keys[1] !== null && (g.values.orders ?? 0) > 0);
  groups.sort((a, b) => (a.keys[0] as number) - (b.keys[0] as number) || compareText(a.keys[1] as string, b.keys[1] as string));
  const rows: Row[] = groups.map((g) => {
    const row: Row = { bucket: g.keys[0], promotion: g.keys[1], orders: g.values.orders ?? 0 };
    if (amount !== null) row[amount] = g.values[amount] ?? 0;
    return row;
  });
  const promotions = [...new Set(groups.map((g) => g.keys[1] as string))].sort(compareText);
  return { rows, meta: { ...meta, promotions } };
}
