import { importDataset, NO_FILTER, predicateFields, sessionMask, type AggregateSpec, type Column, type CustomersMapping, type Dataset, type FieldPredicate, type Filter, type ImportInput, type Measure, type MessagesMapping, type Predicate, type QueryRequest, type QueryResult, type Row, type StringColumn, type TableSource } from '@clvkit/core';
import { runAggregate } from '../aggregate.js';
import { derivedColumns } from '../derived.js';
import { keyColumn, type KeyColumn } from '../group-keys.js';
import { groupRows } from '../grouping.js';
import { measureValue, storedMeasures, type MeasureArrays, type StoredMeasure } from '../measures.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { customersSource, messagesSource } from './customer-sources.js';
import { customerColumnNames, isCustomersField, isMessagesField, splitBySide, type ClauseSide, type CustomerClauseSplit } from './customers-index.js';
import { defaultSegments } from './segments.js';
import type { CustomerSummaryRecord, SummaryEnv } from './types.js';

/**
 * Plain aggregates (`kind: 'aggregate'` on sessions) grouped or filtered by what a customer IS
 * rather than by what a session is: customers fields (`customers.location`, `customers.gender`,
 * ...) and the derived per-customer fields (`rfm_segment`, `customer_orders`, `first_order_at`),
 * which a remote source's server cannot group its order documents by. Every session of a client
 * has the same value of such a field, so a group's measures are sums over its clients' summaries
 * (the sessions passing the rest of the filter, which the server applies), and the rows are
 * those of `runQuery` in memory.
 *
 * The worker builds a small dataset with one session row per client of the summaries (its
 * customers row linked by client id, its derived fields as columns under their own names) and
 * runs the in-memory aggregate on it (`runAggregate`: the groups, their key values and their
 * order by key, so buckets, steps, missing values and names are the in-memory ones), then puts
 * the clients' summed measures in (`keyColumn`, `groupRows`, `measureValue`) and orders by the
 * measure as the aggregate does (ties within 1e-9 relative keep the key order).
 * `rfm_segment` is the default segmentation over every order as of the data's end
 * (`defaultSegments`, as the derived field); `customer_orders` and `first_order_at` come from the
 * summaries of everything.
 *
 * Measures: orders, sessions, revenue, discount, visitors, buyers, quantity, averageOrderValue.
 * Refused (TypeError): lines and lineRevenue, `table` other than sessions, `fill`, a group key
 * on a session or basket field, an `or` selection mixing per-customer and session clauses.
 */

/** Measures that are sums of per-client summary values. */
const SUMMED: ReadonlySet<Measure> = new Set<Measure>(['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'averageOrderValue']);
const RFM_FIELDS = new Set(['rfm_segment', 'sessions.rfm_segment']);
const ORDERS_FIELDS = new Set(['customer_orders', 'sessions.customer_orders']);
const FIRST_ORDER_FIELDS = new Set(['first_order_at', 'sessions.first_order_at']);
const CLIENT_FIELDS = new Set(['client', 'sessions.client']);

/** True for a field whose value is the same on every session of a client (see the module comment). */
function isPerClient(field: string, customerColumns: ReadonlySet<string>): boolean {
  return (
    RFM_FIELDS.has(field) ||
    field === 'customers.rfm_segment' ||
    ORDERS_FIELDS.has(field) ||
    FIRST_ORDER_FIELDS.has(field) ||
    CLIENT_FIELDS.has(field) ||
    isCustomersField(field, customerColumns) ||
    isMessagesField(field, customerColumns)
  );
}

/** True for a field the server cannot evaluate at all (so the aggregate must run here). */
function needsWorker(field: string): boolean {
  return field.startsWith('customers.') || field.startsWith('messages.') || RFM_FIELDS.has(field) || ORDERS_FIELDS.has(field);
}

function fieldsOf(predicates: readonly Predicate[]): string[] {
  return predicates.flatMap(predicateFields);
}

/**
 * Whether `request` is an aggregate this module runs: on sessions, with supported measures, no
 * `fill`, every group key a per-customer field, and at least one key or clause the server
 * cannot evaluate (a customers, messages, rfm_segment or customer_orders field).
 */
export function canRunSummaryAggregate(request: QueryRequest): boolean {
  const spec = request?.spec;
  if (spec?.kind !== 'aggregate' || (spec.table ?? 'sessions') !== 'sessions' || spec.fill) return false;
  if (!spec.measures.every((m) => SUMMED.has(m)) || (spec.orderBy && !SUMMED.has(spec.orderBy.measure))) return false;
  const keys = spec.groupBy ?? [];
  const none = new Set<string>();
  if (!keys.every((k) => isPerClient(k.field, none))) return false;
  return [...keys.map((k) => k.field), ...fieldsOf(request.filter?.predicates ?? []), ...fieldsOf(spec.where ?? [])].some(needsWorker);
}

/** Splits `filter`: per-client clauses for the per-client dataset, the rest for the summaries fetch. */
function split(filter: Filter, columns: ReadonlySet<string>): CustomerClauseSplit {
  // orders-in and first_order_at clauses: the server resolves them (client sets).
  const sideOf = (p: FieldPredicate): ClauseSide => (p.type === 'orders-in' || FIRST_ORDER_FIELDS.has(p.field) || !isPerClient(p.field, columns) ? 'server' : 'local');
  return splitBySide(filter, sideOf, 'aggregate: an "or" selection mixing customers, segment or messages fields with session or basket fields cannot run on a remote source; use an "and" selection');
}

/** Both filters' server parts as one filter (an `or` filter cannot be ANDed with another clause list). */
function bothServer(a: Filter, b: Filter): Filter {
  if (a.predicates.length === 0) return b;
  if (b.predicates.length === 0) return a;
  if ((a.mode === 'or' && a.predicates.length > 1) || (b.mode === 'or' && b.predicates.length > 1)) {
    throw new TypeError('aggregate: an "or" selection on session fields together with the widget\'s own session clauses cannot run on a remote source with customers fields; use an "and" selection');
  }
  return { mode: 'and', predicates: [...a.predicates, ...b.predicates] };
}

/**
 * The per-client dataset: one session row per client of `summaries` (order_id = client id),
 * linked to its customers row by client id, with the derived per-client columns asked for.
 */
async function clientDataset(env: SummaryEnv, summaries: readonly CustomerSummaryRecord[], fields: ReadonlySet<string>, customers: TableSource<CustomersMapping> | null, messages: TableSource<MessagesMapping> | null): Promise<Dataset> {
  // The measures are the summaries' own sums: these rows only carry the client and its links.
  const rows = summaries.map((s) => ({ order_id: s.client, client: s.client, session_start: s.firstSessionAt, has_purchased: false, payment_amount: 0 }));
  const tables: { -readonly [K in keyof ImportInput]: ImportInput[K] } = { sessions: { data: rows, format: 'rows' } };
  if (customers) tables.customers = customers;
  if (messages) tables.messages = messages;
  const { dataset } = await importDataset(tables, { timeZone: env.time.timeZone, weekStart: env.time.weekStart });
  if (dataset.sessions.length !== summaries.length) throw new Error(`aggregate: ${summaries.length - dataset.sessions.length} client summaries were not imported (empty or repeated client ids)`);
  const sessionColumns: Record<string, Column> = { ...dataset.sessions.columns };
  const customerColumns: Record<string, Column> = dataset.customers ? { ...dataset.customers.columns } : {};
  const asked = [...fields];
  if (asked.some((f) => RFM_FIELDS.has(f) || f === 'customers.rfm_segment')) {
    const of = await defaultSegments(env);
    const code = new Map<string, number>(SEGMENTS.map((name, k) => [name, k]));
    const segmentOf = (client: string | undefined) => (client === undefined ? -1 : (code.get(of.get(client) ?? '') ?? -1));
    sessionColumns.rfm_segment = { type: 'string', codes: Int32Array.from(summaries, (s) => segmentOf(s.client)), dictionary: [...SEGMENTS] };
    const clients = dataset.customers?.columns.client as StringColumn | undefined;
    if (clients) customerColumns.rfm_segment = { type: 'string', codes: Int32Array.from(clients.codes, (c) => segmentOf(c >= 0 ? clients.dictionary[c] : undefined)), dictionary: [...SEGMENTS] };
  }
  if (asked.some((f) => ORDERS_FIELDS.has(f) || FIRST_ORDER_FIELDS.has(f))) {
    const whole = new Map((await env.summaries(NO_FILTER)).map((s) => [s.client, s]));
    sessionColumns.customer_orders = { type: 'number', values: Float64Array.from(summaries, (s) => whole.get(s.client)?.orders ?? 0) };
    sessionColumns.first_order_at = { type: 'time', values: Float64Array.from(summaries, (s) => whole.get(s.client)?.firstOrderAt ?? Number.NaN) };
  }
  return {
    ...dataset,
    sessions: { ...dataset.sessions, columns: sessionColumns },
    ...(dataset.customers && { customers: { ...dataset.customers, columns: customerColumns } }),
  };
}

/** The summed measures of the clients in each group slot. */
function groupSums(summaries: readonly CustomerSummaryRecord[], gid: Int32Array, slots: number, measures: ReadonlySet<StoredMeasure>): MeasureArrays {
  const arrays: MeasureArrays = {};
  for (const m of measures) arrays[m] = new Float64Array(slots);
  const value = (s: CustomerSummaryRecord, m: StoredMeasure): number => {
    switch (m) {
      case 'visitors':
        return s.sessions > 0 ? 1 : 0;
      case 'buyers':
        return s.orders > 0 ? 1 : 0;
      case 'orders':
      case 'sessions':
      case 'revenue':
      case 'discount':
      case 'quantity':
        return s[m];
      default:
        throw new TypeError(`aggregate: the measure "${m}" cannot be computed from customer summaries`);
    }
  };
  for (let i = 0; i < summaries.length; i++) {
    const g = gid[i];
    if (g < 0) continue;
    for (const m of measures) arrays[m]![g] += value(summaries[i], m);
  }
  return arrays;
}

/**
 * Runs an aggregate accepted by `canRunSummaryAggregate` from per-customer summaries (see the
 * module comment): the same rows and meta as `runQuery` on the whole data.
 * @throws TypeError for an aggregate this module cannot run (the message says what to change).
 */
export async function runSummaryAggregate(request: QueryRequest, env: SummaryEnv): Promise<QueryResult> {
  const spec = request.spec as AggregateSpec;
  if (spec?.kind !== 'aggregate') throw new TypeError('runSummaryAggregate: only aggregate specs');
  if ((spec.table ?? 'sessions') !== 'sessions') throw new TypeError(`aggregate: a "${spec.table}" aggregate by customers fields cannot run on a remote source; query table "sessions"`);
  if (spec.fill) throw new TypeError('aggregate: fill is not supported for aggregates by customers fields on a remote source');
  const unsupported = [...spec.measures, ...(spec.orderBy ? [spec.orderBy.measure] : [])].filter((m) => !SUMMED.has(m));
  if (unsupported.length) throw new TypeError(`aggregate: the measures ${unsupported.join(', ')} cannot be computed per customer on a remote source; use ${[...SUMMED].join(', ')}`);
  const records = env.customers ? await env.customers() : [];
  const columns = customerColumnNames(records);
  const groupBy = spec.groupBy ?? [];
  for (const key of groupBy) {
    if (!isPerClient(key.field, columns)) throw new TypeError(`aggregate: "${key.field}" differs between a customer's sessions, so it cannot group an aggregate by customers fields on a remote source; group by customers fields, rfm_segment, customer_orders or first_order_at`);
  }
  const filter = split(request.filter ?? NO_FILTER, columns);
  const where = split({ mode: 'and', predicates: spec.where ?? [] }, columns);
  const server = bothServer(filter.server, where.server);
  const local = [filter.local, where.local].filter((f) => f.predicates.length > 0);
  const fields = new Set([...groupBy.map((k) => k.field), ...local.flatMap((f) => fieldsOf(f.predicates))]);
  const usesCustomers = [...fields].some((f) => isCustomersField(f, columns));
  if (usesCustomers && records.length === 0 && !env.customers) throw new TypeError('aggregate: this data source has no customers pages, so customers fields cannot group or filter its orders');
  const usesMessages = [...fields].some((f) => isMessagesField(f, columns));
  const messages = usesMessages && env.messages ? await env.messages() : [];
  const summaries = await env.summaries(server);
  env.signal?.throwIfAborted();
  // No session passes: no group has a row (as in memory).
  if (summaries.length === 0) return { rows: [], meta: { groups: 0 } };
  const dataset = await clientDataset(env, summaries, fields, records.length > 0 ? customersSource(records) : null, messages.length > 0 ? messagesSource(messages) : null);
  // The in-memory aggregate over the per-client rows gives the groups, their key values and
  // their order by key (its `sessions` counts clients there, so it is replaced).
  const base = runAggregate(dataset, { kind: 'aggregate', groupBy, measures: ['sessions'], where: where.local.predicates }, filter.local);
  // Each client's group, and the clients' summed measures per group.
  const mask = new Uint8Array(summaries.length).fill(1);
  for (const f of local) {
    const passing = sessionMask(dataset, f);
    for (let i = 0; i < mask.length; i++) mask[i] &= passing[i];
  }
  const derived = derivedColumns(dataset);
  const keys: KeyColumn[] = groupBy.map((key, j) => keyColumn(derived, 'sessions', key, String(j)));
  const grouping = groupRows(keys, mask);
  const wanted = new Set<Measure>(spec.measures);
  if (spec.orderBy) wanted.add(spec.orderBy.measure);
  const arrays = groupSums(summaries, grouping.gid, grouping.count, storedMeasures(wanted));
  const slotOf = new Map<string, number>();
  for (let s = 0; s < grouping.count; s++) {
    if (grouping.size[s] === 0) continue;
    const codes = grouping.codesOf(s);
    slotOf.set(JSON.stringify(keys.map((key, j) => (codes[j] < 0 ? null : key.value(codes[j])))), s);
  }
  let rows = base.rows.map((row) => {
    const names = Object.keys(row).slice(0, groupBy.length);
    const slot = slotOf.get(JSON.stringify(names.map((name) => row[name])))!;
    const out: Row = {};
    for (const name of names) out[name] = row[name];
    for (const m of spec.measures) out[m] = measureValue(arrays, m, slot);
    return { out, slot };
  });
  if (spec.orderBy) {
    const { measure, order = 'desc' } = spec.orderBy;
    const sign = order === 'asc' ? 1 : -1;
    // Stable over the key order: values within 1e-9 relative (sums added in another order) tie, missing last.
    const value = (slot: number) => measureValue(arrays, measure, slot);
    rows = [...rows].sort((a, b) => {
      const va = value(a.slot);
      const vb = value(b.slot);
      if (va === vb) return 0;
      if (va === null || vb === null) return va === null ? 1 : -1;
      return Math.abs(va - vb) > 1e-9 * Math.max(Math.abs(va), Math.abs(vb)) ? sign * (va - vb) : 0;
    });
  }
  if (spec.limit !== undefined) rows = rows.slice(0, spec.limit);
  return { rows: rows.map((r) => r.out), meta: base.meta };
}
