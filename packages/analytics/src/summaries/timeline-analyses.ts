import { NO_FILTER, type Filter, type Predicate, type QueryRequest, type QueryResult } from '@clvkit/core';
import { runQueryAsync } from '../run-query.js';
import { timelineDataset } from './timeline-dataset.js';
import type { CustomerDayRecord, SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * Registry analyses run unchanged on a timeline dataset (see timeline-dataset.ts): cohorts,
 * lifecycle, status trend, churn series, journey, the CLV timeline. The request's filter is
 * split where the registry analyses split it themselves (`periodOf`): the server applies every
 * clause but the date range when it builds the activity pages, so the rebuilt dataset holds
 * exactly the orders passing those clauses (a cohort's "first order" is the first one passing
 * them, as in memory), and the date range is left to the analysis, which reads it as its period.
 * An `or` filter cannot be split: the server applies all of it and the analysis sees no period.
 */

/** The name of the stand-in customer holding the whole data's first and last session. */
export const EXTENT_CLIENT = '\u0000extent';

/** The filter split into what the server applies and what the rebuilt dataset evaluates (the session_start intervals). */
export function splitTimelineFilter(filter: Filter): { readonly server: Filter; readonly local: Filter } {
  const splittable = filter.mode === 'and' || filter.predicates.length === 1;
  if (!splittable) return { server: filter, local: NO_FILTER };
  const isRange = (p: Predicate) => p.type === 'interval' && (p.field === 'session_start' || p.field === 'sessions.session_start');
  const local = filter.predicates.filter(isRange);
  if (local.length === 0) return { server: filter, local: NO_FILTER };
  return { server: { mode: 'and', predicates: filter.predicates.filter((p) => !isRange(p)) }, local: { mode: 'and', predicates: local } };
}

/**
 * Two sessions of a stand-in customer at the first and last session_start of the whole data:
 * in memory the data's extent (the default as-of, a cohort table's last bucket) is that of
 * every session, not only of those passing the filter, and the rebuilt dataset must agree.
 * The stand-in has no order, so no per-customer figure counts it.
 */
function extentDays(env: SummaryEnv): CustomerDayRecord[] {
  if (!env.timeExtent) return [];
  return env.timeExtent.map((at) => ({
    client: EXTENT_CLIENT,
    day: at,
    sessions: 1,
    firstSessionAt: at,
    lastSessionAt: at,
    orders: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    revenue: 0,
    discount: 0,
    firstOrderRevenue: null,
    lastOrderRevenue: null,
    firstOrderDiscount: null,
    lastOrderDiscount: null,
    promotionOrders: 0,
  }));
}

/** How a timeline analysis uses the customers index. */
type CustomersUse = 'none' | 'optional' | 'required';

/**
 * Runs `request` (a registry analysis) on the timeline dataset of its filter.
 * @throws TypeError when the source pages no activity, or no customers where the analysis needs them.
 */
export async function runOnTimeline(request: QueryRequest, env: SummaryEnv, customersUse: CustomersUse = 'none'): Promise<QueryResult> {
  if (request.spec.kind !== 'analysis') throw new TypeError('runOnTimeline: only analysis specs run on a timeline dataset');
  const name = request.spec.name;
  if (!env.activity) throw new TypeError(`${name} needs each customer's activity per day, which this data source does not page`);
  const { server, local } = splitTimelineFilter(request.filter);
  const [activity, customers] = await Promise.all([env.activity(server), customersUse !== 'none' && env.customers ? env.customers() : Promise.resolve(undefined)]);
  if (customersUse === 'required' && (!customers || customers.length === 0)) throw new TypeError(`${name} needs the customers index, which this data source does not have`);
  const { dataset, approximatedOrders } = await timelineDataset({ time: env.time, activity: [...extentDays(env), ...activity], customers });
  const result = await runQueryAsync(dataset, { spec: request.spec, filter: local }, { signal: env.signal });
  return { ...result, meta: { ...result.meta, approximatedOrders } };
}

/** A summary analysis that runs the registry analysis `name` on a timeline dataset. */
function onTimeline(name: string, customersUse: CustomersUse = 'none'): SummaryAnalysis {
  return { name, run: (request, env) => runOnTimeline(request, env, customersUse) };
}

/** Cohorts, lifecycle, status trend, churn series, journey: registry analyses run on a timeline dataset. */
export const timelineSummaries: readonly SummaryAnalysis[] = [
  onTimeline('retention_cohorts'),
  ...[1, 2, 3].flatMap((n) => [onTimeline(`daily_cohort_from_${n}_to_${n + 1}`), onTimeline(`weekly_cohort_from_${n}_to_${n + 1}`)]),
  onTimeline('lifecycle'),
  onTimeline('customer_status_trend'),
  onTimeline('churn_weekly'),
  onTimeline('churn_monthly'),
  onTimeline('customer_journey', 'optional'),
  onTimeline('daily_clv'),
];
