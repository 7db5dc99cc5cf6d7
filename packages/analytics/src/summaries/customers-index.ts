import { calendarFor, evaluatePredicate, isIn, NO_FILTER, SCHEMA, type Dataset, type FieldPredicate, type Filter, type Predicate, type QueryRequest, type QueryResult } from '@clvkit/core';
import { getAnalysis } from '../registry.js';
import { runQueryAsync } from '../run-query.js';
import { resolveDerivedClauses } from './segments.js';
import { timelineDataset } from './timeline-dataset.js';
import type { CustomerDayRecord, CustomerRecord, MessageRecord, SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * The analyses of the customers and messages indices (demographics, customer_base,
 * contactable_customers, profile_completeness, communications) on a remote source: the worker
 * fetches the customers (and messages) pages and the customer-day activity, rebuilds a timeline
 * dataset (timeline-dataset.ts) and runs the REGISTRY analysis on it, so the rows are the
 * in-memory ones by construction.
 *
 * The filter is split (`splitCustomerClauses`): clauses on customers and messages fields, on
 * the client id and the session_start interval stay with the in-memory analysis (the rebuilt
 * dataset has those columns, and customer_base / communications treat the interval as their
 * period, not as a restriction of the customers); every other clause (dimension, promotion,
 * basket lines, orders-in, first_order_at) goes into the activity fetch, which the server
 * applies. When the server applied clauses, the rebuilt sessions are exactly the sessions
 * passing them, and the analysis gets `client in [clients with such a session]` added, so
 * "customers with a session passing the filter" stays what it is in memory; two sessions of a
 * placeholder client excluded by that clause keep the data's time extent (the default period
 * and as-of) the whole data's.
 *
 * Exact, except where the timeline dataset places sessions: the middle orders of a
 * customer's day with three or more orders sit evenly between the day's first and last order
 * (and its sessions without an order beyond two at the first), so a communications conversion
 * window (sent_at ± windowDays) or a date-range boundary falling inside such a day may count
 * one of them on the other side. Calendar buckets (customer_base) and ranges from local
 * midnight to local midnight are exact. Refused
 * (TypeError): an `or` selection mixing clauses the server applies with clauses the worker
 * evaluates; clauses on the derived per-order field `order_number` (it needs the whole order
 * log). `rfm_segment` and `customer_orders` clauses become `client in [...]` first
 * (`resolveDerivedClauses`, `resolveCustomerOrders`).
 */

/** The filter cut in two: what the server applies to the pages, what the rebuilt dataset evaluates. */
export interface CustomerClauseSplit {
  readonly server: Filter;
  readonly local: Filter;
}

/** Where a clause can be evaluated: only by the server, only in the worker, or by either. */
export type ClauseSide = 'server' | 'local' | 'both';

const SESSION_NAMES = new Set(SCHEMA.sessions.map((f) => f.name));
const LINE_NAMES = new Set(SCHEMA.lines.map((f) => f.name));
const MESSAGE_NAMES = new Set(SCHEMA.messages.map((f) => f.name));
/** The per-order derived field over every order of a customer: neither the server nor a rebuilt (filtered) dataset has it. */
const WHOLE_LOG_FIELDS = new Set(['order_number', 'sessions.order_number']);
/** The number of orders of the session's customer over the whole data: resolved per client (`resolveCustomerOrders`). */
const CUSTOMER_ORDERS_FIELDS = new Set(['customer_orders', 'sessions.customer_orders']);

/** True when `field` names a messages field (so the messages table must be loaded to evaluate it). */
export function isMessagesField(field: string, customerColumns: ReadonlySet<string>): boolean {
  if (field.startsWith('messages.')) return true;
  return !field.includes('.') && !SESSION_NAMES.has(field) && !LINE_NAMES.has(field) && !customerColumns.has(field) && MESSAGE_NAMES.has(field);
}

/** True when `field` names a basket-line field (`lines.*`, or a canonical line field no sessions field shadows). */
export function isLinesField(field: string): boolean {
  return field.startsWith('lines.') || (!field.includes('.') && !SESSION_NAMES.has(field) && LINE_NAMES.has(field));
}

/** True when `field` names a customers field (the customers table's columns and `customers.*`). */
export function isCustomersField(field: string, customerColumns: ReadonlySet<string>): boolean {
  if (field.startsWith('customers.')) return true;
  return !field.includes('.') && !SESSION_NAMES.has(field) && !LINE_NAMES.has(field) && customerColumns.has(field);
}

/** Every clause of `predicates`, compound `and` clauses opened. */
export function flattenAnd(predicates: readonly Predicate[]): FieldPredicate[] {
  return predicates.flatMap((p) => (p.type === 'and' ? flattenAnd(p.predicates) : [p]));
}

/**
 * Splits `filter` by where each clause can be evaluated (`sideOf`): under `and`, each clause
 * goes to its side (`both`: the worker's), a compound clause mixing the sides is opened; an
 * `or` selection goes whole to one side.
 * @throws TypeError (`refusal`) for an `or` selection mixing the two sides.
 */
export function splitBySide(filter: Filter, sideOf: (predicate: FieldPredicate) => ClauseSide, refusal: string): CustomerClauseSplit {
  const side = (predicate: Predicate): ClauseSide | 'mixed' => {
    if (predicate.type !== 'and') return sideOf(predicate);
    const sides = new Set(predicate.predicates.map(side));
    if (sides.has('mixed') || (sides.has('server') && sides.has('local'))) return 'mixed';
    return sides.has('server') ? 'server' : sides.has('local') ? 'local' : 'both';
  };
  if (filter.mode === 'and' || filter.predicates.length <= 1) {
    const server: Predicate[] = [];
    const local: Predicate[] = [];
    for (const predicate of filter.predicates) {
      const s = side(predicate);
      if (s === 'mixed') for (const p of flattenAnd([predicate])) (sideOf(p) === 'server' ? server : local).push(p);
      else (s === 'server' ? server : local).push(predicate);
    }
    return { server: { mode: 'and', predicates: server }, local: { mode: 'and', predicates: local } };
  }
  const sides = new Set(filter.predicates.map(side));
  if (!sides.has('server') && !sides.has('mixed')) return { server: NO_FILTER, local: filter };
  if (!sides.has('local') && !sides.has('mixed')) return { server: filter, local: NO_FILTER };
  throw new TypeError(refusal);
}

/**
 * Splits `filter` for an analysis of the rebuilt dataset (see the module comment): customers,
 * messages and client clauses and the session_start interval stay local, the rest goes to the
 * server; an `or` selection goes whole to one side.
 * @throws TypeError for an `or` selection mixing the two sides, or a clause on order_number.
 */
export function splitCustomerClauses(analysis: string, filter: Filter, customerColumns: ReadonlySet<string>): CustomerClauseSplit {
  const sideOf = (predicate: FieldPredicate): ClauseSide => {
    const field = predicate.field;
    if (WHOLE_LOG_FIELDS.has(field)) {
      throw new TypeError(`${analysis}: a selection on "${field}" cannot run on a remote source (it needs every order of the customer); clear it or select on first_order_at, customers fields or session fields`);
    }
    if (field === 'session_start' || field === 'sessions.session_start') return predicate.type === 'interval' ? 'both' : 'server';
    if ((field === 'client' || field === 'sessions.client') && predicate.type !== 'orders-in') return 'local';
    return isCustomersField(field, customerColumns) || isMessagesField(field, customerColumns) ? 'local' : 'server';
  };
  return splitBySide(filter, sideOf, `${analysis}: an "or" selection mixing customers or messages fields with session or basket fields cannot run on a remote source; use an "and" selection`);
}

/**
 * `filter` with its clauses on `customer_orders` (a histogram bar: "customers with 3 orders")
 * turned into `client in [...]`: the field is the same on every session of a client, its
 * value the client's orders over the whole data (the summaries of everything), so the clause
 * keeps exactly the same sessions. Core evaluates the clause on those counts, as in memory.
 */
export async function resolveCustomerOrders(filter: Filter, env: SummaryEnv): Promise<Filter> {
  const has = (p: Predicate): boolean => (p.type === 'and' ? p.predicates.some(has) : CUSTOMER_ORDERS_FIELDS.has(p.field));
  if (!filter.predicates.some(has)) return filter;
  const summaries = await env.summaries(NO_FILTER);
  const counts: Dataset = {
    sessions: { name: 'sessions', length: summaries.length, columns: { customer_orders: { type: 'number', values: Float64Array.from(summaries, (r) => r.orders) } } },
    sessionActions: [],
    customerActions: [],
    ordersOnly: false,
    time: env.time,
  };
  const resolve = (p: Predicate): Predicate => {
    if (p.type === 'and') return { ...p, predicates: p.predicates.map(resolve) };
    if (!CUSTOMER_ORDERS_FIELDS.has(p.field)) return p;
    const { mask } = evaluatePredicate(counts, { ...p, field: 'customer_orders' });
    return isIn('client', summaries.filter((_, i) => mask[i] === 1).map((r) => r.client));
  };
  return { ...filter, predicates: filter.predicates.map(resolve) };
}

/**
 * Every customer of the customers index, fetched once per loaded source when the env keeps
 * things (`env.memo`): the index does not depend on the selection, and every customers widget
 * of a dashboard reads it. [] when the source has no customers pages.
 */
export function customerRecords(env: SummaryEnv): Promise<readonly CustomerRecord[]> {
  const load = (e: SummaryEnv): Promise<readonly CustomerRecord[]> => (e.customers ? e.customers() : Promise.resolve([]));
  return env.memo ? env.memo('customers-index:customers', load) : load(env);
}

/** Every message of the messages index, fetched once per loaded source (see `customerRecords`). */
export function messageRecords(env: SummaryEnv): Promise<readonly MessageRecord[]> {
  const load = (e: SummaryEnv): Promise<readonly MessageRecord[]> => (e.messages ? e.messages() : Promise.resolve([]));
  return env.memo ? env.memo('customers-index:messages', load) : load(env);
}

/** The column names of the customers table rebuilt from `records` (canonical fields, actions, attributes). */
export function customerColumnNames(records: readonly CustomerRecord[]): Set<string> {
  const out = new Set(['client', 'download_date', 'signup_date']);
  for (const record of records) {
    for (const name of Object.keys(record.actions)) out.add(name);
    for (const name of Object.keys(record.attributes)) out.add(name);
  }
  return out;
}

/** The placeholder client whose two sessions keep the rebuilt data's time extent (never a real id: ids are trimmed text). */
const EXTENT_CLIENT = '\u0000extent';

function extentDay(env: SummaryEnv, at: number): CustomerDayRecord {
  const day = calendarFor(env.time).floor(at, 'day');
  return { client: EXTENT_CLIENT, day, sessions: 1, firstSessionAt: at, lastSessionAt: at, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, lastOrderRevenue: null, firstOrderDiscount: null, lastOrderDiscount: null, promotionOrders: 0 };
}

/**
 * Runs the registry analysis of `request` on the timeline dataset rebuilt from the customers
 * (and, with `withMessages` or a messages clause, the messages) pages and the activity under
 * the clauses the server applies (see the module comment).
 */
async function runOnTimeline(request: QueryRequest, env: SummaryEnv, withMessages: boolean, customersOnly: boolean): Promise<QueryResult> {
  if (request.spec.kind !== 'analysis') throw new TypeError('customers-index analyses take analysis specs');
  const name = request.spec.name;
  // The registry's own param errors before any page is fetched.
  getAnalysis(name)?.params?.(request.spec.params ?? {});
  if (!env.activity || !env.customers) throw new TypeError(`${name}: this data source has no customer activity or customers pages, so ${name} cannot run on it`);
  const segmentsResolved = await resolveDerivedClauses(request, env);
  const resolved = { ...segmentsResolved, filter: await resolveCustomerOrders(segmentsResolved.filter, env) };
  const customers = await customerRecords(env);
  const columns = customerColumnNames(customers);
  const { server, local } = splitCustomerClauses(name, resolved.filter, columns);
  const needsMessages = withMessages || flattenAnd(local.predicates).some((p) => isMessagesField(p.field, columns));
  // An analysis of the customer rows alone under clauses on those rows (customers fields, client
  // ids) never reads a session: the activity is not fetched, one placeholder session stands in.
  const onRows = customersOnly && server.predicates.length === 0 && flattenAnd(local.predicates).every((p) => isCustomersField(p.field, columns) || p.field === 'client' || p.field === 'sessions.client');
  if (onRows) {
    const { dataset } = await timelineDataset({ time: env.time, activity: [extentDay(env, env.timeExtent?.[1] ?? 0)], customers });
    return runQueryAsync(dataset, { spec: resolved.spec, filter: local }, { signal: env.signal });
  }
  const [activity, messages] = await Promise.all([env.activity(server), needsMessages ? messageRecords(env) : Promise.resolve([])]);
  env.signal?.throwIfAborted();
  let days: readonly CustomerDayRecord[] = activity;
  let filter = local;
  if (server.predicates.length > 0) {
    const clients = [...new Set(activity.map((d) => d.client))];
    filter = { mode: 'and', predicates: [...local.predicates, isIn('client', clients)] };
    if (env.timeExtent) days = [extentDay(env, env.timeExtent[0]), ...activity, extentDay(env, env.timeExtent[1])];
  }
  const { dataset } = await timelineDataset({ time: env.time, activity: days, customers, messages });
  return runQueryAsync(dataset, { spec: resolved.spec, filter }, { signal: env.signal });
}

/** What an analysis reads besides the customers: the messages always, or only the customer rows (no session unless the filter asks). */
interface Reads {
  readonly messages?: boolean;
  readonly customersOnly?: boolean;
}

function timelineAnalysis(name: string, reads: Reads = {}): SummaryAnalysis {
  return { name, run: (request, env) => runOnTimeline(request, env, reads.messages === true, reads.customersOnly === true) };
}

/** Analyses of the customers and messages indices (demographics, customer_base, communications, ...), run in the worker. */
export const customersIndexSummaries: readonly SummaryAnalysis[] = [
  timelineAnalysis('demographics'),
  timelineAnalysis('customer_base'),
  timelineAnalysis('contactable_customers', { customersOnly: true }),
  timelineAnalysis('profile_completeness', { customersOnly: true }),
  timelineAnalysis('communications', { messages: true }),
];
