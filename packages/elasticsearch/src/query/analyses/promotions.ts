import type { Filter, QueryResult, Row } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { allOf } from '../filter.js';
import { purchasedClause } from '../measures.js';
import { countsBy, type CountGroup } from './counts.js';
import { bucketedPeriodFilters, daysIn, periodBucketStarts, periodOf, sessionExtent, type Range } from './period.js';

/**
 * Organic (no promotion_id) and promoted orders, per day of the period or per local hour of
 * day, pushed down as counts of two clauses (orders; orders with a promotion) per bucket, as
 * analyses/commerce/promotions.ts counts them. The layer cannot tell whether the host mapped
 * a promotion column (in memory a MissingInputError); without one every order is organic.
 */
const CLAUSES = { orders: purchasedClause(), promoted: allOf([purchasedClause(), { exists: { field: 'promotion_id' } }]) };

interface Daily {
  readonly starts: number[];
  readonly counts: Map<unknown, CountGroup>;
  readonly period: Range | null;
}

async function daily(env: QueryEnv, filter: Filter): Promise<Daily> {
  let extent: Range | null | undefined;
  const getExtent = async () => (extent === undefined ? (extent = await sessionExtent(env)) : extent);
  const period = await periodOf(env, filter, getExtent);
  const starts = period.range ? periodBucketStarts(env, 'day', period, await getExtent()) : [];
  const counts = starts.length ? await countsBy(env, { field: 'session_start', bucket: 'day' }, bucketedPeriodFilters(period), CLAUSES) : new Map<unknown, CountGroup>();
  return { starts, counts, period: period.range };
}

async function hourly(env: QueryEnv, filter: Filter): Promise<{ days: number; period: Range | null; organic: number[]; promoted: number[] }> {
  const period = await periodOf(env, filter);
  const days = daysIn(env, period.range);
  const organic = new Array<number>(24).fill(0);
  const promoted = new Array<number>(24).fill(0);
  if (period.range && days > 0) {
    const counts = await countsBy(env, { field: 'session_start', bucket: 'hourOfDay' }, bucketedPeriodFilters(period), CLAUSES);
    for (const [hour, g] of counts) {
      if (typeof hour !== 'number') continue;
      promoted[hour] = g.counts.promoted;
      organic[hour] = g.counts.orders - g.counts.promoted;
    }
  }
  return { days, period: period.range, organic, promoted };
}

/** `daily_organic_orders`: `{ bucket, organic, promoted }` per day of the period. */
export async function dailyOrganicOrders(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { starts, counts, period } = await daily(env, filter);
  const rows: Row[] = starts.map((bucket) => {
    const c = counts.get(bucket)?.counts;
    return { bucket, organic: c ? c.orders - c.promoted : 0, promoted: c ? c.promoted : 0 };
  });
  return { rows, meta: { unit: 'day', period } };
}

/** `daily_inorganic_ratio`: `{ bucket, orders, promoted, ratio }` per day of the period. */
export async function dailyInorganicRatio(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { starts, counts, period } = await daily(env, filter);
  const rows: Row[] = starts.map((bucket) => {
    const c = counts.get(bucket)?.counts;
    const orders = c ? c.orders : 0;
    const promoted = c ? c.promoted : 0;
    return { bucket, orders, promoted, ratio: orders > 0 ? promoted / orders : null };
  });
  return { rows, meta: { unit: 'day', period } };
}

/** `hourly_organic_orders`: mean organic and promoted orders per local hour of day. */
export async function hourlyOrganicOrders(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { days, period, organic, promoted } = await hourly(env, filter);
  const rows: Row[] = [];
  for (let hour = 0; hour < 24; hour++) rows.push({ hour, organic: days > 0 ? organic[hour] / days : 0, promoted: days > 0 ? promoted[hour] / days : 0 });
  return { rows, meta: { days, period } };
}

/** `hourly_inorganic_ratio`: mean orders and promoted orders per hour of day, and their ratio. */
export async function hourlyInorganicRatio(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { days, period, organic, promoted } = await hourly(env, filter);
  const rows: Row[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const orders = organic[hour] + promoted[hour];
    const perDay = (n: number) => (days > 0 ? n / days : 0);
    rows.push({ hour, orders: perDay(orders), promoted: perDay(promoted[hour]), ratio: orders > 0 ? promoted[hour] / orders : null });
  }
  return { rows, meta: { days, period } };
}
