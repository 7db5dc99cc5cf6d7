import type { Filter, QueryResult } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { UnsupportedQueryError } from '../errors.js';
import { kpis } from './kpis.js';
import { hourlyOrders, ordersOverTime } from './orders-over-time.js';

/**
 * The analyses pushed down to Elasticsearch aggregations, by registry name. Every other
 * analysis is refused with an UnsupportedQueryError naming it (see the README's table: some
 * run in the worker from `executeSummaries`, others need data the orders index lacks).
 */
type Runner = (env: QueryEnv, params: Readonly<Record<string, unknown>>, filter: Filter) => Promise<QueryResult>;

const noParams = (name: string, run: (env: QueryEnv, filter: Filter) => Promise<QueryResult>): Runner => (env, params, filter) => {
  const extra = Object.keys(params ?? {});
  if (extra.length) throw new UnsupportedQueryError(`analysis "${name}"`, `takes no params, got ${extra.join(', ')}`);
  return run(env, filter);
};

/** Pushed-down analyses. */
export const PUSHED_DOWN: Readonly<Record<string, Runner>> = Object.freeze({
  kpis: noParams('kpis', kpis),
  daily_orders: noParams('daily_orders', (env, f) => ordersOverTime(env, f, 'day')),
  weekly_orders: noParams('weekly_orders', (env, f) => ordersOverTime(env, f, 'week')),
  monthly_orders: noParams('monthly_orders', (env, f) => ordersOverTime(env, f, 'month')),
  hourly_orders: noParams('hourly_orders', hourlyOrders),
});

/** The names of the pushed-down analyses. */
export function pushedDownAnalyses(): string[] {
  return Object.keys(PUSHED_DOWN);
}

/** Runs the pushed-down analysis `name`. @throws UnsupportedQueryError for any other name. */
export async function runAnalysisSpec(env: QueryEnv, name: string, params: Readonly<Record<string, unknown>>, filter: Filter): Promise<QueryResult> {
  const runner = Object.prototype.hasOwnProperty.call(PUSHED_DOWN, name) ? PUSHED_DOWN[name] : undefined;
  if (!runner) {
    throw new UnsupportedQueryError(`analysis "${name}"`, `not available on Elasticsearch aggregations (pushed down: ${pushedDownAnalyses().join(', ')}); per-customer analyses run in the worker from executeSummaries pages`);
  }
  return runner(env, params, filter);
}
