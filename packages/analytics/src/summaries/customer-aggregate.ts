import { calendarFor, importDataset, isIn, NO_FILTER, predicateFields, sessionMask, type AggregateSpec, type Calendar, type Column, type CustomersMapping, type Dataset, type FieldPredicate, type Filter, type GroupKey, type ImportInput, type Measure, type MessagesMapping, type Predicate, type QueryRequest, type QueryResult, type Row, type StringColumn, type TableSource, type TimeUnit } from '@clvkit/core';
import { runAggregate } from '../aggregate.js';
import { derivedColumns } from '../derived.js';
import { keyColumn, type KeyColumn, type KeyValue } from '../group-keys.js';
import { groupRows } from '../grouping.js';
import { measureValue, storedMeasures, type MeasureArrays, type StoredMeasure } from '../measures.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { customersSource, messagesSource } from './customer-sources.js';
import { customerColumnNames, customerRecords, isCustomersField, isLinesField, isMessagesField, messageRecords, splitBySide, type ClauseSide, type CustomerClauseSplit } from './customers-index.js';
import { defaultSegments, MAX_SEGMENT_CLIENTS } from './segments.js';
import type { CustomerSummaryRecord, SummaryEnv } from './types.js';

/**
 * Plain aggregates (`kind: 'aggregate'`, on sessions or lines) grouped or filtered by what a
 * customer IS rather than by what a session is: customers fields (`customers.location`,
 * `customers.gender`, ...), messages fields, and the derived per-customer fields
 * (`rfm_segment`, `customer_orders`, `first_order_at`), which a remote source's server cannot
 * group or filter its order documents by. Every session of a client has the same value of such
 * a field, so a group's measures are sums over its clients, and the rows are those of
 * `runQuery` in memory.
 *
 * Only per-customer keys, on sessions: one summary per client (`env.summaries`, under the
 * clauses the server applies). With keys on session fields too (`dimension` x `rfm_segment`, a
 * time series under a `customers.gender` click) or on table `lines` by session fields: the
 * server's aggregate grouped by those keys and `client` (`env.query`), regrouped here. Lines
 * by a line field (`product` x `rfm_segment`), which the server cannot group by client too:
 * per group of the per-customer keys, the server's aggregate of its clients' lines
 * (`client in [...]`, in chunks the proxy accepts; at most `MAX_CHUNK_QUERIES` searches).
 * Every measure is then a sum over the clients of a group (a client's orders and lines are
 * its own; visitors and buyers count it once per row), so any measure runs.
 *
 * The worker builds a small dataset with one session row per client (or per server row),
 * linked to its customers row by client id, its derived fields as columns under their own
 * names, the server's key values as plain columns, and runs the in-memory aggregate on it
 * (`runAggregate`: the groups, their key values and their order by key, so buckets, steps,
 * missing values and names are the in-memory ones); then it puts the summed measures in
 * (`keyColumn`, `groupRows`, `measureValue`) and orders by the measure as the aggregate does
 * (ties within 1e-9 relative keep the key order). `rfm_segment` is the default segmentation
 * over every order as of the data's end (`defaultSegments`, as the derived field);
 * `customer_orders` and `first_order_at` come from the summaries of everything. `fill` adds the
 * empty buckets of a single time key as zeros, as in memory.
 *
 * Measures from summaries: orders, sessions, revenue, discount, visitors, buyers, quantity,
 * averageOrderValue. Refused (TypeError): a table other than sessions and lines; an `or`
 * selection mixing per-customer and session clauses; without `env.query`, keys on session or
 * line fields, and lines and lineRevenue; lines by a line field needing more than
 * `MAX_CHUNK_QUERIES` searches. The server's rows grouped by client are capped
 * like any aggregate (`maxBuckets`): a long daily series over many clients can exceed it.
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
 * Whether `request` is an aggregate this module runs: on sessions or lines,
 * with at least one key or clause the server cannot evaluate (a customers, messages,
 * rfm_segment or customer_orders field); with only per-customer keys on sessions, measures
 * that summaries sum.
 */
export function canRunSummaryAggregate(request: QueryRequest): boolean {
  const spec = request?.spec;
  const table = spec?.kind === 'aggregate' ? (spec.table ?? 'sessions') : null;
  if (spec?.kind !== 'aggregate' || (table !== 'sessions' && table !== 'lines')) return false;
  const keys = spec.groupBy ?? [];
  if (![...keys.map((k) => k.field), ...fieldsOf(request.filter?.predicates ?? []), ...fieldsOf(spec.where ?? [])].some(needsWorker)) return false;
  const none = new Set<string>();
  const fromSummaries = table === 'sessions' && keys.every((k) => isPerClient(k.field, none));
  return !fromSummaries || [...spec.measures, ...(spec.orderBy ? [spec.orderBy.measure] : [])].every((m) => SUMMED.has(m));
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
 * One row of the per-client dataset: a client, on the regrouping path the values of the keys
 * the server grouped by (besides client), and the measures of that row.
 */
interface Unit {
  readonly client: string;
  readonly keys: readonly KeyValue[];
  readonly values: Readonly<Partial<Record<StoredMeasure, number>>>;
}

/** The name of the column of the j-th server-grouped key in the per-client dataset. */
const serverKeyColumn = (j: number) => `__key${j}`;

/**
 * The per-client dataset: one session row per unit (order_id = its index), linked to its
 * customers row by client id, with the derived per-client columns asked for and the server's
 * key values as plain columns (numbers, booleans as 0 / 1, or strings: the order the
 * aggregate sorts their keys in).
 */
async function unitDataset(env: SummaryEnv, units: readonly Unit[], serverKeys: number, fields: ReadonlySet<string>, customers: TableSource<CustomersMapping> | null, messages: TableSource<MessagesMapping> | null): Promise<Dataset> {
  // The measures are the units' own: these rows only carry the client and its links.
  const rows = units.map((u, i) => ({ order_id: String(i), client: u.client, session_start: 0, has_purchased: false, payment_amount: 0 }));
  const tables: { -readonly [K in keyof ImportInput]: ImportInput[K] } = { sessions: { data: rows, format: 'rows' } };
  if (customers) tables.customers = customers;
  if (messages) tables.messages = messages;
  const { dataset } = await importDataset(tables, { timeZone: env.time.timeZone, weekStart: env.time.weekStart });
  if (dataset.sessions.length !== units.length) throw new Error(`aggregate: ${units.length - dataset.sessions.length} rows were not imported (empty client ids)`);
  const sessionColumns: Record<string, Column> = { ...dataset.sessions.columns };
  const customerColumns: Record<string, Column> = dataset.customers ? { ...dataset.customers.columns } : {};
  const asked = [...fields];
  if (asked.some((f) => RFM_FIELDS.has(f) || f === 'customers.rfm_segment')) {
    const of = await defaultSegments(env);
    const code = new Map<string, number>(SEGMENTS.map((name, k) => [name, k]));
    const segmentOf = (client: string | undefined) => (client === undefined ? -1 : (code.get(of.get(client) ?? '') ?? -1));
    sessionColumns.rfm_segment = { type: 'string', codes: Int32Array.from(units, (u) => segmentOf(u.client)), dictionary: [...SEGMENTS] };
    const clients = dataset.customers?.columns.client as StringColumn | undefined;
    if (clients) customerColumns.rfm_segment = { type: 'string', codes: Int32Array.from(clients.codes, (c) => segmentOf(c >= 0 ? clients.dictionary[c] : undefined)), dictionary: [...SEGMENTS] };
  }
  if (asked.some((f) => ORDERS_FIELDS.has(f) || FIRST_ORDER_FIELDS.has(f))) {
    const whole = new Map((await env.summaries(NO_FILTER)).map((s) => [s.client, s]));
    sessionColumns.customer_orders = { type: 'number', values: Float64Array.from(units, (u) => whole.get(u.client)?.orders ?? 0) };
    sessionColumns.first_order_at = { type: 'time', values: Float64Array.from(units, (u) => whole.get(u.client)?.firstOrderAt ?? Number.NaN) };
  }
  for (let j = 0; j < serverKeys; j++) sessionColumns[serverKeyColumn(j)] = valueColumn(units.map((u) => u.keys[j]));
  return {
    ...dataset,
    sessions: { ...dataset.sessions, columns: sessionColumns },
    ...(dataset.customers && { customers: { ...dataset.customers, columns: customerColumns } }),
  };
}

/** A column of key values: strings (dictionary in first-seen order), else numbers (booleans as 0 / 1); null is missing. */
function valueColumn(values: readonly KeyValue[]): Column {
  if (values.some((v) => typeof v === 'string')) {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      if (v === null) return -1;
      const text = String(v);
      let code = index.get(text);
      if (code === undefined) index.set(text, (code = dictionary.push(text) - 1));
      return code;
    });
    return { type: 'string', codes, dictionary };
  }
  return { type: 'number', values: Float64Array.from(values, (v) => (v === null ? Number.NaN : Number(v))) };
}

/** The units' summed measures in each group slot. */
function groupSums(units: readonly Unit[], gid: Int32Array, slots: number, measures: ReadonlySet<StoredMeasure>): MeasureArrays {
  const arrays: MeasureArrays = {};
  for (const m of measures) arrays[m] = new Float64Array(slots);
  for (let i = 0; i < units.length; i++) {
    const g = gid[i];
    if (g < 0) continue;
    for (const m of measures) arrays[m]![g] += units[i].values[m] ?? 0;
  }
  return arrays;
}

/** A client's summary as a unit (visitors: it has a session; buyers: it has an order). */
function summaryUnit(s: CustomerSummaryRecord): Unit {
  return { client: s.client, keys: [], values: { orders: s.orders, sessions: s.sessions, revenue: s.revenue, discount: s.discount, quantity: s.quantity, visitors: s.sessions > 0 ? 1 : 0, buyers: s.orders > 0 ? 1 : 0 } };
}

/**
 * Runs an aggregate accepted by `canRunSummaryAggregate` from per-customer summaries (see the
 * module comment): the same rows and meta as `runQuery` on the whole data.
 * @throws TypeError for an aggregate this module cannot run (the message says what to change).
 */
export async function runSummaryAggregate(request: QueryRequest, env: SummaryEnv): Promise<QueryResult> {
  const spec = request.spec as AggregateSpec;
  if (spec?.kind !== 'aggregate') throw new TypeError('runSummaryAggregate: only aggregate specs');
  const table = spec.table ?? 'sessions';
  if (table !== 'sessions' && table !== 'lines') throw new TypeError(`aggregate: a "${table}" aggregate by customers fields cannot run on a remote source; query table "sessions" or "lines"`);
  const records = await customerRecords(env);
  const columns = customerColumnNames(records);
  const groupBy = spec.groupBy ?? [];
  if (spec.fill && !(groupBy.length === 1 && groupBy[0].bucket !== undefined)) throw new TypeError('aggregate: fill needs exactly one group key, a time field with a bucket');
  const perClient = groupBy.map((key) => isPerClient(key.field, columns));
  // Lines by a line field: the server cannot group lines by a line field and client at once.
  const lineKeyed = table === 'lines' && groupBy.some((key) => isLinesField(key.field));
  const filter = split(request.filter ?? NO_FILTER, columns);
  const where = split({ mode: 'and', predicates: spec.where ?? [] }, columns);
  const local = [filter.local, where.local].filter((f) => f.predicates.length > 0);
  const fields = new Set([...groupBy.map((k) => k.field), ...local.flatMap((f) => fieldsOf(f.predicates))]);
  const usesCustomers = [...fields].some((f) => isCustomersField(f, columns));
  if (usesCustomers && records.length === 0 && !env.customers) throw new TypeError('aggregate: this data source has no customers pages, so customers fields cannot group or filter its orders');
  const usesMessages = [...fields].some((f) => isMessagesField(f, columns));
  const messages = usesMessages ? await messageRecords(env) : [];
  const customerTable = records.length > 0 ? customersSource(records) : null;
  const messageTable = messages.length > 0 ? messagesSource(messages) : null;
  const wanted = new Set<Measure>(spec.measures);
  if (spec.orderBy) wanted.add(spec.orderBy.measure);
  const stored = storedMeasures(wanted);
  // Only per-customer keys on sessions: one summary per client. Otherwise the server groups by
  // the other keys and client, and its rows are regrouped here.
  const fromSummaries = table === 'sessions' && perClient.every(Boolean);
  const serverKeys = groupBy.filter((_, j) => !perClient[j]);
  let units: Unit[];
  let serverNames: string[] = [];
  // Every client with a session passing the server's clauses, one unit each, in a per-client dataset.
  const perClientDataset = async (): Promise<ClientGroups | null> => {
    const clients = (await env.summaries(bothServer(filter.server, where.server))).map(summaryUnit);
    if (clients.length === 0) return null;
    const dataset = await unitDataset(env, clients, 0, fields, customerTable, messageTable);
    const mask = localMask(dataset, clients.length, local);
    const derived = derivedColumns(dataset);
    const keys = groupBy.filter((_, j) => perClient[j]).map((key, j) => keyColumn(derived, 'sessions', key, String(j)));
    return { clients, gid: groupRows(keys, mask).gid };
  };
  if (fromSummaries) {
    const unsupported = [...wanted].filter((m) => !SUMMED.has(m));
    if (unsupported.length) throw new TypeError(`aggregate: the measures ${unsupported.join(', ')} cannot be computed per customer from summaries; use ${[...SUMMED].join(', ')}`);
    units = (await env.summaries(bothServer(filter.server, where.server))).map(summaryUnit);
  } else if (!env.query) {
    throw new TypeError('aggregate: this data source cannot group its orders by client for the worker, so session or basket keys cannot be combined with customers fields; group by customers fields only');
  } else if (lineKeyed) {
    ({ units, names: serverNames } = await chunkedUnits(env, env.query, spec, serverKeys, [...stored], filter, where, await perClientDataset()));
  } else {
    const measures = [...stored];
    const answer = await env.query({ spec: { kind: 'aggregate', table, groupBy: [...serverKeys, { field: 'client' }], measures, where: where.server.predicates }, filter: filter.server });
    const first = answer.rows[0] ?? {};
    // The server names its keys as the aggregate does (field, or field:bucket when a field is grouped twice).
    serverNames = serverKeys.map((key) => (`${key.field}:${key.bucket ?? ''}` in first ? `${key.field}:${key.bucket ?? ''}` : key.field));
    units = answer.rows.map((row) => ({
      client: String(row.client),
      keys: serverNames.map((name) => row[name] ?? null),
      values: Object.fromEntries(measures.map((m) => [m, Number(row[m] ?? 0)])),
    }));
  }
  env.signal?.throwIfAborted();
  // A bucket `fill` adds has no rows: sums 0, no average.
  const emptyRow = (value: number): { out: Row; slot: number } => {
    const out: Row = { [groupBy[0].field]: value };
    for (const m of spec.measures) out[m] = m === 'averageOrderValue' ? null : 0;
    return { out, slot: -1 };
  };
  // No session passes: no group has a row, but the filled hours or weekdays (as in memory).
  if (units.length === 0) {
    const rows = spec.fill ? filled([], groupBy[0], groupBy[0].field, calendarFor(env.time), emptyRow) : [];
    return { rows: rows.slice(0, spec.limit ?? rows.length).map((r) => r.out), meta: { groups: rows.length } };
  }
  const dataset = await unitDataset(env, units, serverKeys.length, fields, customerTable, messageTable);
  // The keys over the per-client dataset: per-customer fields as they are, the server's keys as their plain columns.
  let k = 0;
  const localKeys: GroupKey[] = groupBy.map((key, j) => (perClient[j] ? key : { field: serverKeyColumn(k++) }));
  // The in-memory aggregate over the units gives the groups, their key values and their order
  // by key (its `sessions` counts units there, so it is replaced).
  const base = runAggregate(dataset, { kind: 'aggregate', groupBy: localKeys, measures: ['sessions'], where: where.local.predicates }, filter.local);
  // Each unit's group, and the units' summed measures per group.
  const mask = localMask(dataset, units.length, local);
  const derived = derivedColumns(dataset);
  const keys: KeyColumn[] = localKeys.map((key, j) => keyColumn(derived, 'sessions', key, String(j)));
  const grouping = groupRows(keys, mask);
  const arrays = groupSums(units, grouping.gid, grouping.count, stored);
  const slotOf = new Map<string, number>();
  const unitOf = new Int32Array(grouping.count).fill(-1);
  for (let i = 0; i < units.length; i++) if (grouping.gid[i] >= 0 && unitOf[grouping.gid[i]] < 0) unitOf[grouping.gid[i]] = i;
  for (let slot = 0; slot < grouping.count; slot++) {
    if (grouping.size[slot] === 0) continue;
    const codes = grouping.codesOf(slot);
    slotOf.set(JSON.stringify(keys.map((key, j) => (codes[j] < 0 ? null : key.value(codes[j])))), slot);
  }
  let rows: { out: Row; slot: number }[] = base.rows.map((row) => {
    const names = Object.keys(row).slice(0, groupBy.length);
    const slot = slotOf.get(JSON.stringify(names.map((name) => row[name])))!;
    const out: Row = {};
    let s = 0;
    names.forEach((name, j) => {
      // A server key's value as the server gave it (a boolean stays a boolean), under its own name.
      if (perClient[j]) out[name] = row[name];
      else {
        out[serverNames[s]] = units[unitOf[slot]].keys[s];
        s++;
      }
    });
    for (const m of spec.measures) out[m] = measureValue(arrays, m, slot);
    return { out, slot };
  });
  // Slot -1: a bucket `fill` added. One key: its row property is its field.
  const valueOf = (m: Measure, slot: number) => (slot >= 0 ? measureValue(arrays, m, slot) : m === 'averageOrderValue' ? null : 0);
  if (spec.fill) rows = filled(rows, groupBy[0], groupBy[0].field, calendarFor(env.time), emptyRow);
  if (spec.orderBy) {
    const { measure, order = 'desc' } = spec.orderBy;
    const sign = order === 'asc' ? 1 : -1;
    // Stable over the key order: values within 1e-9 relative (sums added in another order) tie, missing last.
    const value = (slot: number) => valueOf(measure, slot);
    rows = [...rows].sort((a, b) => {
      const va = value(a.slot);
      const vb = value(b.slot);
      if (va === vb) return 0;
      if (va === null || vb === null) return va === null ? 1 : -1;
      return Math.abs(va - vb) > 1e-9 * Math.max(Math.abs(va), Math.abs(vb)) ? sign * (va - vb) : 0;
    });
  }
  // Groups before the limit (filled buckets included), as in memory.
  const groups = rows.length;
  if (spec.limit !== undefined) rows = rows.slice(0, spec.limit);
  return { rows: rows.map((r) => r.out), meta: { ...base.meta, groups } };
}

/**
 * The rows of a single time key with the empty buckets between the first and the last added
 * (every hour 0..23 or weekday 0..6 for the cyclic buckets), the missing key's row last: the
 * rows `fill` gives in memory. `rows` are in key order.
 */
function filled<R extends { out: Row }>(rows: readonly R[], key: GroupKey, name: string, calendar: Calendar, empty: (value: number) => R): R[] {
  const present = rows.filter((r) => r.out[name] !== null);
  const missing = rows.filter((r) => r.out[name] === null);
  const values: number[] = [];
  if (key.bucket === 'hourOfDay' || key.bucket === 'dayOfWeek') {
    for (let v = 0; v < (key.bucket === 'hourOfDay' ? 24 : 7); v++) values.push(v);
  } else if (present.length > 0) {
    const unit = key.bucket as TimeUnit;
    const last = present[present.length - 1].out[name] as number;
    for (let v = present[0].out[name] as number; v <= last; v = calendar.add(v, unit, 1)) values.push(v);
  }
  const byValue = new Map(present.map((r) => [r.out[name] as number, r]));
  return [...values.map((v) => byValue.get(v) ?? empty(v)), ...missing];
}

/** The units passing every local filter (customers, messages and per-customer clauses) in their dataset. */
function localMask(dataset: Dataset, length: number, local: readonly Filter[]): Uint8Array {
  const mask = new Uint8Array(length).fill(1);
  for (const f of local) {
    const passing = sessionMask(dataset, f);
    for (let i = 0; i < length; i++) mask[i] &= passing[i];
  }
  return mask;
}

/** The clients (one unit each) and the group of their per-customer keys (-1: outside the local filters). */
interface ClientGroups {
  readonly clients: readonly Unit[];
  readonly gid: Int32Array;
}

/** The most searches one aggregate of lines by a line field and a customers field may send (one per chunk of a group's clients). */
export const MAX_CHUNK_QUERIES = 100;

/**
 * Lines grouped by a line field (product, category, ...) and a per-customer field: for each
 * group of the per-customer keys, the server's aggregate of those clients' lines by the other
 * keys (`client in [...]` in chunks of `MAX_SEGMENT_CLIENTS`, the proxy's array cap). Chunks
 * hold disjoint clients, so every measure adds up (a client's lines and orders are its own).
 * One unit per group and key values, standing for the group through one of its clients.
 * @throws TypeError past `MAX_CHUNK_QUERIES` searches.
 */
async function chunkedUnits(
  env: SummaryEnv,
  query: NonNullable<SummaryEnv['query']>,
  spec: AggregateSpec,
  serverKeys: readonly GroupKey[],
  measures: readonly StoredMeasure[],
  filter: CustomerClauseSplit,
  where: CustomerClauseSplit,
  groups: ClientGroups | null,
): Promise<{ units: Unit[]; names: string[] }> {
  if (!groups) return { units: [], names: [] };
  const members = new Map<number, string[]>();
  groups.gid.forEach((g, i) => {
    if (g < 0) return;
    const list = members.get(g) ?? [];
    list.push(groups.clients[i].client);
    members.set(g, list);
  });
  let searches = 0;
  for (const list of members.values()) searches += Math.ceil(list.length / MAX_SEGMENT_CLIENTS);
  if (searches > MAX_CHUNK_QUERIES) {
    throw new TypeError(`aggregate: basket lines by a line field and a customers field need ${searches} searches here (at most ${MAX_CHUNK_QUERIES}); select fewer customers, or group by session fields`);
  }
  const units = new Map<string, { client: string; keys: KeyValue[]; values: Partial<Record<StoredMeasure, number>> }>();
  let names: string[] = [];
  for (const [g, list] of members) {
    for (let at = 0; at < list.length; at += MAX_SEGMENT_CLIENTS) {
      env.signal?.throwIfAborted();
      const chunk = list.slice(at, at + MAX_SEGMENT_CLIENTS);
      const answer = await query({ spec: { kind: 'aggregate', table: spec.table ?? 'lines', groupBy: serverKeys, measures, where: [...where.server.predicates, isIn('client', chunk)] }, filter: filter.server });
      for (const row of answer.rows) {
        if (names.length === 0) names = serverKeys.map((key) => (`${key.field}:${key.bucket ?? ''}` in row ? `${key.field}:${key.bucket ?? ''}` : key.field));
        const keys = names.map((name) => row[name] ?? null);
        const id = `${g}\u0000${JSON.stringify(keys)}`;
        let unit = units.get(id);
        if (!unit) units.set(id, (unit = { client: list[0], keys, values: {} }));
        for (const m of measures) unit.values[m] = (unit.values[m] ?? 0) + Number(row[m] ?? 0);
      }
    }
  }
  return { units: [...units.values()], names };
}
