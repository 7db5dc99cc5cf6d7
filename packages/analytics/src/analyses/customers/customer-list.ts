import type { Row, StringColumn } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { customerOrders } from '../../customer-orders.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { linesKept, sessionsKept } from '../masks.js';
import { DAY_MS, readInstant, resolveAsOf } from '../../as-of.js';
import { TopK } from '../commerce/top-k.js';
import { presentValues, trueValues } from './attributes.js';
import { detectChannels } from './profile-fields.js';
import { clientName, clientsWithSessions, customerRowOfClient, ordersUnder } from './scope.js';
import { readThresholds, statusCuts, statusSnapshot, STATUSES, THRESHOLD_PARAMS, type StatusThresholds } from './status.js';

/** The row fields computed for every customer (contact fields come between client and status). */
const COMPUTED = ['client', 'status', 'orders', 'revenue', 'averageOrderValue', 'firstOrder', 'lastOrder', 'recencyDays', 'topProducts'] as const;

/** Name-like columns listed beside the contact columns. */
const NAME_COLUMNS = ['name', 'full_name', 'first_name', 'last_name'];

/** Params of `customer_list`. */
export interface CustomerListParams {
  readonly sort: { readonly field: string; readonly order: 'asc' | 'desc' };
  readonly offset: number;
  readonly limit: number;
  readonly fields: readonly string[] | null;
  readonly asOf: unknown;
  readonly thresholds: StatusThresholds;
}

/**
 * `customer_list` (seed 000 "EDM user list", SPEC "Customer lists and actions"): the customers
 * behind the current selection, i.e. every client with at least one session passing the filter,
 * one row each, sorted and paged.
 *
 * - contact fields: `fields` (customers columns) when given, else those the customers table
 *   has among name, full_name, first_name, last_name, the channels' contact columns (email,
 *   phone, ...) and consent columns (email_opt_in, sms_opt_in, push_opt_in, ...); consents as
 *   booleans (null when missing), other columns as their text; null for clients without a
 *   customers row;
 * - orders, revenue (Σ payment), firstOrder, lastOrder (epoch ms, null without orders) over the
 *   client's orders passing the filter (a brushed date range narrows them);
 *   averageOrderValue = revenue / orders (null without orders);
 * - status and recencyDays as of `asOf` (see `customer_status`: the end of the filter's
 *   session_start interval, else the last session_start), from the client's orders under the
 *   filter's other predicates up to then: status `active` | `churned` | `long_gone` (null
 *   without an order by then), recencyDays = (asOf − last such order) / 24 h;
 * - topProducts: up to 3 products of those orders' basket lines passing the filter, by the
 *   number of orders containing them (ties: more quantity, then name), joined with "; "; null
 *   without basket lines or without orders.
 *
 * Params: `sort` `{ field, order }` (any row field, default revenue descending; nulls last
 * either way; ties by client id), `offset` (default 0), `limit` (default 50, at most 10 000),
 * `fields`, `asOf`, and the status thresholds (`activeDays` | `activeMonths`, `longGoneDays` |
 * `longGoneMonths`). Rows `{ client, ...contact fields, status, orders, revenue,
 * averageOrderValue, firstOrder, lastOrder, recencyDays, topProducts }`.
 * meta: `{ total, offset, limit, sort, fields, asOf }` (total = customers in the selection).
 */
export const customerList = defineAnalysis({
  name: 'customer_list',
  description: 'The customers behind the selection with contact fields, status, orders, revenue and top products (sortable, paged)',
  params: (raw): CustomerListParams => {
    const read = new ParamReader('customer_list', raw, ['sort', 'offset', 'limit', 'fields', 'asOf', ...THRESHOLD_PARAMS]);
    const sort = raw.sort ?? { field: 'revenue', order: 'desc' };
    if (typeof sort !== 'object' || sort === null || Array.isArray(sort)) throw new TypeError(`customer_list: params.sort must be { field, order }, got ${JSON.stringify(sort)}`);
    const { field, order = 'desc' } = sort as { field?: unknown; order?: unknown };
    if (typeof field !== 'string' || field === '') throw new TypeError(`customer_list: params.sort.field must be a row field name, got ${JSON.stringify(field)}`);
    if (order !== 'asc' && order !== 'desc') throw new TypeError(`customer_list: params.sort.order must be "asc" or "desc", got ${JSON.stringify(order)}`);
    const fields = raw.fields;
    if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string' && f !== '' && !(COMPUTED as readonly string[]).includes(f)))) {
      throw new TypeError(`customer_list: params.fields must be an array of customers column names (not ${COMPUTED.join(', ')}), got ${JSON.stringify(fields)}`);
    }
    return {
      sort: { field, order },
      offset: read.integer('offset', 0, Number.MAX_SAFE_INTEGER, 0),
      limit: read.integer('limit', 1, 10_000, 50),
      fields: (fields as string[] | undefined) ?? null,
      asOf: raw.asOf,
      thresholds: readThresholds('customer_list', raw),
    };
  },
  run(context, params) {
    const { derived, dataset } = context;
    const fields = contactFields(context, params.fields);
    const sortable = [...COMPUTED, ...fields];
    if (!sortable.includes(params.sort.field)) {
      throw new TypeError(`customer_list: params.sort.field "${params.sort.field}" is not a row field (${sortable.join(', ')})`);
    }
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant('customer_list', 'asOf', params.asOf, context.calendar));
    const inSelection = clientsWithSessions(derived, sessionsKept(context));
    const payment = derived.numbers('sessions', 'payment_amount', 0);
    const selected = customerOrders(context);
    const snapshot = at ? statusSnapshot(ordersUnder(context, period.rest), payment, at, statusCuts(at.asOf, params.thresholds, context.calendar)) : null;
    const clients: number[] = [];
    for (let c = 0; c < inSelection.length; c++) if (inSelection[c]) clients.push(c);

    const n = inSelection.length;
    const orders = new Float64Array(n);
    const revenue = new Float64Array(n);
    const first = new Float64Array(n).fill(Number.NaN);
    const last = new Float64Array(n).fill(Number.NaN);
    for (const c of clients) {
      const from = selected.starts[c];
      const to = selected.starts[c + 1];
      let sum = 0;
      for (let i = from; i < to; i++) sum += payment[selected.rows[i]];
      orders[c] = to - from;
      revenue[c] = sum;
      if (to > from) {
        first[c] = selected.start[selected.rows[from]];
        last[c] = selected.start[selected.rows[to - 1]];
      }
    }
    const customerRow = dataset.customers ? customerRowOfClient(derived) : null;
    const columnValues = fields.map((field) => columnReader(context, field));
    const valueOf = (c: number, field: string): string | number | boolean | null => {
      switch (field) {
        case 'client':
          return clientName(derived, c);
        case 'status':
          return snapshot && snapshot.status[c] >= 0 ? STATUSES[snapshot.status[c]] : null;
        case 'orders':
          return orders[c];
        case 'revenue':
          return revenue[c];
        case 'averageOrderValue':
          return orders[c] > 0 ? revenue[c] / orders[c] : null;
        case 'firstOrder':
          return first[c] === first[c] ? first[c] : null;
        case 'lastOrder':
          return last[c] === last[c] ? last[c] : null;
        case 'recencyDays':
          return snapshot && at && snapshot.status[c] >= 0 ? (at.asOf - snapshot.lastOrder[c]) / DAY_MS : null;
        default: {
          const j = fields.indexOf(field);
          const row = customerRow ? customerRow[c] : -1;
          return row >= 0 ? columnValues[j](row) : null;
        }
      }
    };

    const sortField = params.sort.field;
    const sign = params.sort.order === 'asc' ? 1 : -1;
    const rank = clientRanks(context);
    const numeric = NUMERIC_SORT.includes(sortField);
    let compare: (a: number, b: number) => number;
    if (numeric) {
      // Typed keys (NaN = null) keep the sort fast for 100k customers.
      const key = new Float64Array(n).fill(Number.NaN);
      for (const c of clients) {
        const v = valueOf(c, sortField);
        key[c] = typeof v === 'number' ? v : sortField === 'client' ? rank[c] : sortField === 'status' && v !== null ? STATUSES.indexOf(v as (typeof STATUSES)[number]) : Number.NaN;
      }
      compare = (a, b) => {
        const va = key[a];
        const vb = key[b];
        if (va !== vb) {
          if (va !== va) return 1;
          if (vb !== vb) return -1;
          return sign * (va - vb);
        }
        return rank[a] - rank[b];
      };
    } else {
      const keys = new Map<number, string | number | boolean | null>();
      for (const c of clients) keys.set(c, sortField === 'topProducts' ? topProducts(context, selected, c) : valueOf(c, sortField));
      compare = (a, b) => {
        const va = keys.get(a) ?? null;
        const vb = keys.get(b) ?? null;
        if (va !== vb) {
          if (va === null) return 1;
          if (vb === null) return -1;
          if (va < vb) return -sign;
          if (va > vb) return sign;
        }
        return rank[a] - rank[b];
      };
    }
    const page = pageOf(clients, compare, params.offset, params.limit);
    const rows: Row[] = page.map((c) => {
      const row: Row = { client: clientName(derived, c) };
      for (const field of fields) row[field] = valueOf(c, field);
      for (const field of COMPUTED.slice(1)) row[field] = field === 'topProducts' ? topProducts(context, selected, c) : valueOf(c, field);
      return row;
    });
    return {
      rows,
      meta: { total: clients.length, offset: params.offset, limit: params.limit, sort: params.sort, fields, asOf: at?.asOf ?? null },
    };
  },
});

/**
 * The clients at positions offset .. offset + limit - 1 under `compare` (a total order: ties
 * fall back to the client id). A first page of 100k customers is a bounded heap, not a sort.
 */
function pageOf(clients: number[], compare: (a: number, b: number) => number, offset: number, limit: number): number[] {
  const wanted = offset + limit;
  if (wanted * 4 >= clients.length) return clients.sort(compare).slice(offset, wanted);
  const top = new TopK<number>(wanted, compare);
  for (const c of clients) top.offer(c);
  return top.result().slice(offset);
}

/** Sort fields with numeric keys (client by the rank of its id, status by its order in STATUSES). */
const NUMERIC_SORT = ['client', 'status', 'orders', 'revenue', 'averageOrderValue', 'firstOrder', 'lastOrder', 'recencyDays'];

/** Per sessions client code, the rank of its id in code-point order (ties between customers sort by id). */
function clientRanks(context: AnalysisContext): Int32Array {
  return context.derived.memo('customersGroup:clientRanks', () => {
    const { dictionary } = context.dataset.sessions.columns.client as StringColumn;
    const order = Array.from(dictionary.keys()).sort((a, b) => (dictionary[a] < dictionary[b] ? -1 : dictionary[a] > dictionary[b] ? 1 : 0));
    const rank = new Int32Array(dictionary.length);
    order.forEach((code, r) => (rank[code] = r));
    return rank;
  });
}

/** The contact fields listed: `requested`, or the name, contact and consent columns the customers table has. */
function contactFields(context: AnalysisContext, requested: readonly string[] | null): string[] {
  const customers = context.dataset.customers;
  if (requested) {
    const unknown = requested.filter((f) => !customers || !(f in customers.columns));
    if (unknown.length) {
      throw new TypeError(`customer_list: params.fields names no customers column: ${unknown.join(', ')}${customers ? ` (columns: ${Object.keys(customers.columns).join(', ')})` : ' (no customers table)'}`);
    }
    return [...requested];
  }
  if (!customers) return [];
  const fields = NAME_COLUMNS.filter((name) => name in customers.columns);
  for (const { contact } of detectChannels(context.dataset)) if (contact && !fields.includes(contact)) fields.push(contact);
  for (const { consent } of detectChannels(context.dataset)) if (consent && !fields.includes(consent)) fields.push(consent);
  return fields;
}

const CONSENT = /(?:_opt_in|_optin|_consent|_subscribed)$/i;

/** Reads a customers column per row: consents as booleans, strings as text, numbers and times as numbers, null when missing. */
function columnReader(context: AnalysisContext, field: string): (row: number) => string | number | boolean | null {
  const customers = context.dataset.customers!;
  const column = customers.columns[field];
  const present = presentValues(column, customers.length);
  if (column.type === 'boolean' || (column.type === 'string' && CONSENT.test(field))) {
    const yes = trueValues(column, customers.length);
    return (row) => (present[row] ? yes[row] === 1 : null);
  }
  if (column.type === 'string') return (row) => (present[row] ? column.dictionary[column.codes[row]] : null);
  if (column.type === 'number' || column.type === 'time') return (row) => (present[row] ? column.values[row] : null);
  return () => null;
}

/** Up to 3 products of client c's selected orders (lines passing the filter), by orders containing them, then quantity, then name; "; "-joined. */
function topProducts(context: AnalysisContext, selected: ReturnType<typeof customerOrders>, c: number): string | null {
  const lines = context.dataset.lines;
  if (!lines || selected.starts[c + 1] === selected.starts[c]) return null;
  const product = lines.columns.product as StringColumn | undefined;
  if (!product || product.type !== 'string') return null;
  const quantity = context.derived.numbers('lines', 'quantity', 1);
  const passes = linesKept(context);
  const byOrder = context.derived.linesOfOrders();
  const orders = new Map<number, number>();
  const units = new Map<number, number>();
  for (let i = selected.starts[c]; i < selected.starts[c + 1]; i++) {
    const order = selected.rows[i];
    const seen = new Set<number>();
    for (let k = byOrder.starts[order]; k < byOrder.starts[order + 1]; k++) {
      const line = byOrder.rows[k];
      const code = product.codes[line];
      if ((passes !== null && !passes[line]) || code < 0) continue;
      units.set(code, (units.get(code) ?? 0) + (quantity[line] === quantity[line] ? quantity[line] : 1));
      if (!seen.has(code)) {
        seen.add(code);
        orders.set(code, (orders.get(code) ?? 0) + 1);
      }
    }
  }
  if (orders.size === 0) return null;
  const ranked = [...orders.keys()].sort((a, b) => orders.get(b)! - orders.get(a)! || units.get(b)! - units.get(a)! || (product.dictionary[a] < product.dictionary[b] ? -1 : 1));
  return ranked.slice(0, 3).map((code) => product.dictionary[code]).join('; ');
}
