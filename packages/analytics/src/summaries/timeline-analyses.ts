import { MissingInputError, NO_FILTER, present, type Filter, type Predicate, type QueryRequest, type QueryResult } from '@clvkit/core';
import { runQueryAsync } from '../run-query.js';
import { RFM_SEGMENT_FIELDS } from '../models/rfm/customer-rfm.js';
import { timelineDataset } from './timeline-dataset.js';
import type { SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * Registry analyses run unchanged on a timeline dataset (see timeline-dataset.ts): cohorts,
 * lifecycle, status trend, churn series, journey, the CLV timeline. The request's filter is
 * split where the registry analyses split it themselves (`periodOf`): the server applies every
 * clause but the date range when it builds the activity pages, so the rebuilt dataset holds
 * exactly the orders passing those clauses (a cohort's "first order" is the first one passing
 * them, as in memory), and the date range is left to the analysis, which reads it as its period.
 * An `or` filter cannot be split: the server applies all of it and the analysis sees no period.
 *
 * The CLV timeline (`daily_clv`) keeps its customer clauses (client, rfm_segment, customers
 * fields) local only: in memory they pick the customers reported, not the orders the model is
 * fitted on (see analyses/clv/scope.ts).
 */

/** A sessions field every rebuilt session has (see `splitTimelineFilter`). */
const HAS_SESSION_FIELD = 'sessions.has_purchased';

/** How the filter is split (see `splitTimelineFilter`). */
export interface SplitOptions {
  /** The customers table is rebuilt: customers-field clauses are also evaluated locally. */
  readonly withCustomers?: boolean;
  /** Customer clauses (client, rfm_segment, customers fields) stay local only, as the CLV analyses read them. */
  readonly customerClausesLocal?: boolean;
}

const CLIENT_FIELDS = ['client', 'sessions.client', 'customers.client'];

/**
 * The filter split into what the server applies and what the rebuilt dataset evaluates: the
 * session_start intervals stay local only; with the customers table rebuilt, the clauses on
 * customers fields go to both (the server keeps only those customers' sessions, and the
 * customers table itself, paged whole, is narrowed by the analysis as in memory); with
 * `customerClausesLocal`, every customer clause stays local only.
 */
export function splitTimelineFilter(filter: Filter, options: SplitOptions = {}): { readonly server: Filter; readonly local: Filter } {
  const splittable = filter.mode === 'and' || filter.predicates.length === 1;
  if (!splittable) return { server: filter, local: NO_FILTER };
  const isRange = (p: Predicate) => p.type === 'interval' && (p.field === 'session_start' || p.field === 'sessions.session_start');
  const isCustomers = (p: Predicate): boolean => (p.type === 'and' ? p.predicates.length > 0 && p.predicates.every(isCustomers) : p.field.startsWith('customers.'));
  const isCustomerClause = (p: Predicate): boolean => (p.type === 'and' ? p.predicates.length > 0 && p.predicates.every(isCustomerClause) : isCustomers(p) || CLIENT_FIELDS.includes(p.field) || RFM_SEGMENT_FIELDS.includes(p.field));
  const localOnly = (p: Predicate) => isRange(p) || (options.customerClausesLocal === true && isCustomerClause(p));
  const both = (p: Predicate) => options.withCustomers === true && isCustomers(p);
  const local = filter.predicates.filter((p) => localOnly(p) || both(p));
  // In memory a session clause selects the customers with a session passing it; every rebuilt
  // session passed the server's clauses, so "has a rebuilt session" stands for them locally.
  if (options.withCustomers && filter.predicates.some((p) => !localOnly(p) && !both(p))) local.push(present(HAS_SESSION_FIELD));
  if (local.length === 0) return { server: filter, local: NO_FILTER };
  return { server: { mode: 'and', predicates: filter.predicates.filter((p) => !localOnly(p)) }, local: { mode: 'and', predicates: local } };
}

/** How a timeline analysis uses the customers index. */
type CustomersUse = 'none' | 'optional' | 'required';

/**
 * Runs `request` (a registry analysis) on the timeline dataset of its filter.
 * @throws TypeError when the source pages no activity, or no customers where the analysis needs them.
 */
export async function runOnTimeline(request: QueryRequest, env: SummaryEnv, customersUse: CustomersUse = 'none', customerClausesLocal = false): Promise<QueryResult> {
  if (request.spec.kind !== 'analysis') throw new TypeError('runOnTimeline: only analysis specs run on a timeline dataset');
  const name = request.spec.name;
  if (!env.activity) throw new TypeError(`${name} needs each customer's activity per day, which this data source does not page`);
  const withCustomers = customersUse !== 'none' && env.customers !== undefined;
  const { server, local } = splitTimelineFilter(request.filter, { withCustomers, customerClausesLocal });
  const [activity, customers] = await Promise.all([env.activity(server), withCustomers ? env.customers!() : Promise.resolve(undefined)]);
  if (customersUse === 'required' && (!customers || customers.length === 0)) throw new MissingInputError(name, 'customers', 'this data source has no customers index');
  // The data's extent (the default as-of, a cohort table's last bucket) is that of every session in memory, not only of those passing the filter.
  const { dataset, approximatedOrders } = await timelineDataset({ time: env.time, activity, customers, extent: env.timeExtent });
  const result = await runQueryAsync(dataset, { spec: request.spec, filter: local }, { signal: env.signal });
  return { ...result, meta: { ...result.meta, approximatedOrders } };
}

/** A summary analysis that runs the registry analysis `name` on a timeline dataset. */
function onTimeline(name: string, customersUse: CustomersUse = 'none', customerClausesLocal = false): SummaryAnalysis {
  return { name, run: (request, env) => runOnTimeline(request, env, customersUse, customerClausesLocal) };
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
  onTimeline('daily_clv', 'optional', true),
  onTimeline('clv_model_comparison', 'optional', true),
  onTimeline('daily_cohort_downloads', 'required'),
  onTimeline('weekly_cohort_downloads', 'required'),
  ...['hourly', 'daily', 'weekly', 'monthly'].map((unit) => onTimeline(`${unit}_funnel_downloads`, 'required')),
  onTimeline('customer_funnel_cohort', 'required'),
];
