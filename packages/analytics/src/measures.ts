import { MissingInputError, type Measure } from '@clvkit/core';
import type { DerivedColumns } from './derived.js';
import type { KeyColumn } from './group-keys.js';
import type { Grouping, RowGroups } from './grouping.js';

/** Every measure of the plain aggregate, in the order query.ts lists them. */
export const MEASURES: readonly Measure[] = Object.freeze([
  'orders',
  'sessions',
  'revenue',
  'discount',
  'visitors',
  'buyers',
  'quantity',
  'lineRevenue',
  'lines',
  'averageOrderValue',
]);

/** Measures that read basket lines. */
export const LINE_MEASURES: readonly Measure[] = Object.freeze(['quantity', 'lineRevenue', 'lines']);

/** Measures stored per group slot; `averageOrderValue` is derived from revenue and orders. */
export type StoredMeasure = Exclude<Measure, 'averageOrderValue'>;

/** Per measure, its value per group slot. */
export type MeasureArrays = Partial<Record<StoredMeasure, Float64Array>>;

/** The stored measures needed to output `measures`. */
export function storedMeasures(measures: Iterable<Measure>): Set<StoredMeasure> {
  const stored = new Set<StoredMeasure>();
  for (const m of measures) {
    if (m === 'averageOrderValue') {
      stored.add('orders');
      stored.add('revenue');
    } else stored.add(m);
  }
  return stored;
}

/** A measure's value for one group slot; null where it is undefined (an average over no orders). */
export function measureValue(arrays: MeasureArrays, measure: Measure, slot: number): number | null {
  if (measure === 'averageOrderValue') {
    const orders = arrays.orders![slot];
    return orders > 0 ? arrays.revenue![slot] / orders : null;
  }
  return arrays[measure]![slot];
}

/**
 * Measures over grouped sessions. Orders are sessions with has_purchased; revenue and discount
 * sum over orders; visitors and buyers are distinct clients (with a session / with an order).
 * Line measures (quantity, lineRevenue, lines) sum the lines of the grouped orders that pass
 * `lineMask` (null: every line of those orders).
 */
export function measureSessions(derived: DerivedColumns, grouping: RowGroups, measures: Set<StoredMeasure>, lineMask: Uint8Array | null): MeasureArrays {
  const { gid, rows, count } = grouping;
  const out: MeasureArrays = {};
  const purchased = derived.purchased();
  if (measures.has('sessions')) out.sessions = Float64Array.from(grouping.size);
  if (measures.has('orders') || measures.has('revenue') || measures.has('discount')) {
    const orders = new Float64Array(count);
    const revenue = new Float64Array(count);
    const pay = derived.numbers('sessions', 'payment_amount', 0);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      if (purchased[i] === 0) continue;
      const g = gid[i];
      orders[g]++;
      const p = pay[i];
      if (p === p) revenue[g] += p;
    }
    Object.assign(out, { orders, revenue });
    if (measures.has('discount')) {
      const discount = new Float64Array(count);
      const disc = derived.numbers('sessions', 'discount_amount', 0);
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k];
        if (purchased[i] === 0) continue;
        const d = disc[i];
        if (d === d) discount[gid[i]] += d;
      }
      out.discount = discount;
    }
  }
  if (measures.has('visitors') || measures.has('buyers')) {
    const clients = derived.sessionClients();
    Object.assign(out, distinctClients(derived, grouping, clients.codes, clients.cardinality, purchased, null, 'sessions'));
  }
  if (LINE_MEASURES.some((m) => measures.has(m as StoredMeasure))) {
    if (!derived.dataset.lines) throw new MissingInputError('aggregate', 'basket lines', 'quantity, lineRevenue and lines are computed from basket lines');
    const lines = new Float64Array(count);
    const quantity = new Float64Array(count);
    const lineRevenue = new Float64Array(count);
    const qty = derived.numbers('lines', 'quantity', 1);
    const price = derived.numbers('lines', 'price', 0);
    // Visit the lines of grouped orders only, session by session.
    const { rows: lineRows, starts } = derived.linesOfOrders();
    for (let r = 0; r < rows.length; r++) {
      const o = rows[r];
      if (purchased[o] === 0) continue;
      const g = gid[o];
      for (let k = starts[o], end = starts[o + 1]; k < end; k++) {
        const l = lineRows[k];
        if (lineMask === null || lineMask[l] === 1) addLine(l, g, qty, price, lines, quantity, lineRevenue);
      }
    }
    Object.assign(out, { lines, quantity, lineRevenue });
  }
  return out;
}

/** Measures `measureRowwise` computes in its single pass. */
const ROW_LOCAL: ReadonlySet<StoredMeasure> = new Set<StoredMeasure>(['sessions', 'orders', 'revenue', 'discount']);

/** True when `measureRowwise` can compute `measures` (no distinct counts, no lines). */
export function isRowwise(measures: Set<StoredMeasure>, keys: readonly KeyColumn[]): boolean {
  return keys.length <= 1 && [...measures].every((m) => ROW_LOCAL.has(m));
}

/**
 * The hot path of cross-filtering (e.g. orders and revenue per day): groups the sessions in
 * `mask` by at most one key and sums sessions, orders, revenue and discount in one pass,
 * without materialising a group id per row.
 */
export function measureRowwise(derived: DerivedColumns, key: KeyColumn | undefined, mask: Uint8Array, measures: Set<StoredMeasure>): { grouping: Grouping; arrays: MeasureArrays } {
  const missing = key ? key.cardinality : 0;
  const count = missing + 1;
  const codes = key ? key.codes : null;
  const size = new Int32Array(count);
  const orders = new Float64Array(count);
  const revenue = new Float64Array(count);
  const discount = measures.has('discount') ? new Float64Array(count) : null;
  const purchased = derived.purchased();
  const pay = derived.numbers('sessions', 'payment_amount', 0);
  const disc = derived.numbers('sessions', 'discount_amount', 0);
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    let g = 0;
    if (codes !== null) {
      g = codes[i];
      if (g < 0) g = missing;
    }
    size[g]++;
    if (purchased[i] === 0) continue;
    orders[g]++;
    const p = pay[i];
    if (p === p) revenue[g] += p;
    if (discount !== null) {
      const d = disc[i];
      if (d === d) discount[g] += d;
    }
  }
  const arrays: MeasureArrays = { orders, revenue, sessions: Float64Array.from(size) };
  if (discount) arrays.discount = discount;
  const keys = key ? [key] : [];
  const codesOf = key ? (slot: number) => [slot === missing ? -1 : slot] : () => [];
  return { grouping: { keys, count, size, codesOf }, arrays };
}

/**
 * Measures over grouped basket lines. lines, quantity and lineRevenue (price × quantity) sum
 * the lines of orders (purchased sessions); orders and sessions count distinct orders and
 * sessions having a line in the group; revenue and discount sum payment and discount over
 * those distinct orders (the whole basket's amount, once per order); visitors and buyers count
 * distinct clients of those sessions and orders.
 */
export function measureLines(derived: DerivedColumns, grouping: RowGroups, measures: Set<StoredMeasure>): MeasureArrays {
  const { gid, rows, count } = grouping;
  const out: MeasureArrays = {};
  const purchased = derived.purchased();
  const orderOf = derived.lineOrders();
  if (measures.has('lines') || measures.has('quantity') || measures.has('lineRevenue')) {
    const lines = new Float64Array(count);
    const quantity = new Float64Array(count);
    const lineRevenue = new Float64Array(count);
    const qty = derived.numbers('lines', 'quantity', 1);
    const price = derived.numbers('lines', 'price', 0);
    for (let k = 0; k < rows.length; k++) {
      const l = rows[k];
      const o = orderOf[l];
      if (o < 0 || purchased[o] === 0) continue;
      addLine(l, gid[l], qty, price, lines, quantity, lineRevenue);
    }
    Object.assign(out, { lines, quantity, lineRevenue });
  }
  if (measures.has('orders') || measures.has('sessions') || measures.has('revenue') || measures.has('discount')) {
    const orders = new Float64Array(count);
    const sessions = new Float64Array(count);
    const revenue = new Float64Array(count);
    const discount = new Float64Array(count);
    const pay = derived.numbers('sessions', 'payment_amount', 0);
    const disc = derived.numbers('sessions', 'discount_amount', 0);
    const lastOrder = new Int32Array(count).fill(-1);
    // Lines must be visited with each order's lines together: the selected lines in storage
    // order when the table keeps orders together (the usual case), else the order index.
    const visit = derived.linesGroupedByOrder() ? rows : derived.linesByOrder();
    for (let k = 0; k < visit.length; k++) {
      const l = visit[k];
      const g = gid[l];
      if (g < 0) continue;
      const o = orderOf[l];
      if (o < 0) continue;
      if (lastOrder[g] === o) continue;
      lastOrder[g] = o;
      sessions[g]++;
      if (purchased[o] === 0) continue;
      orders[g]++;
      const p = pay[o];
      if (p === p) revenue[g] += p;
      const d = disc[o];
      if (d === d) discount[g] += d;
    }
    Object.assign(out, { orders, sessions, revenue, discount });
  }
  if (measures.has('visitors') || measures.has('buyers')) {
    Object.assign(out, distinctClients(derived, grouping, derived.lineClients(), derived.sessionClients().cardinality, purchased, orderOf, 'lines'));
  }
  return out;
}

/** Adds line `l` to group `g`: one line, its quantity (missing = 1) and price × quantity (missing price = 0). */
export function addLine(l: number, g: number, qty: Float64Array, price: Float64Array, lines: Float64Array, quantity: Float64Array, lineRevenue: Float64Array): void {
  const q = qty[l] === qty[l] ? qty[l] : 1;
  const p = price[l] === price[l] ? price[l] : 0;
  lines[g]++;
  quantity[g] += q;
  lineRevenue[g] += p * q;
}

/**
 * Present-group × client pairs up to which distinct counts use a bitset (4 MB) instead of a
 * walk in client order. Internal; tests lower it to exercise the other paths.
 */
export const distinctCounting = { bitsetLimit: 1 << 25 };

/**
 * Distinct clients per group (visitors: any row; buyers: rows of orders) without a set of
 * strings. With few (non-empty group) × client pairs, a bitset marks each pair in one pass over
 * the selected rows. Otherwise rows are visited in client order, so a client is new to a group
 * exactly when the group's last seen client differs: a counting sort of the selected rows when
 * they are few, else the dataset's cached client order.
 */
function distinctClients(
  derived: DerivedColumns,
  grouping: RowGroups,
  clientOf: Int32Array,
  clients: number,
  purchased: Uint8Array,
  orderOf: Int32Array | null,
  table: 'sessions' | 'lines',
): { visitors: Float64Array; buyers: Float64Array } {
  const { gid, rows, count, size } = grouping;
  const visitors = new Float64Array(count);
  const buyers = new Float64Array(count);
  const dense = new Int32Array(count);
  let present = 0;
  for (let g = 0; g < count; g++) dense[g] = size[g] > 0 ? present++ : -1;
  if (present * clients <= distinctCounting.bitsetLimit) {
    const words = ((present * clients) >>> 5) + 1;
    const seen = new Int32Array(words);
    const bought = new Int32Array(words);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const c = clientOf[row];
      if (c < 0) continue;
      const g = gid[row];
      const pair = dense[g] * clients + c;
      const word = pair >>> 5;
      const bit = 1 << (pair & 31);
      if ((seen[word] & bit) === 0) {
        seen[word] |= bit;
        visitors[g]++;
      }
      if ((bought[word] & bit) === 0) {
        const order = orderOf === null ? row : orderOf[row];
        if (order >= 0 && purchased[order] === 1) {
          bought[word] |= bit;
          buyers[g]++;
        }
      }
    }
    return { visitors, buyers };
  }
  const byClient = rows.length * 4 < gid.length
    ? sortByCode(rows, clientOf, clients)
    : table === 'sessions' ? derived.sessionsByClient() : derived.linesByClient();
  const lastVisitor = new Int32Array(count).fill(-1);
  const lastBuyer = new Int32Array(count).fill(-1);
  for (let k = 0; k < byClient.length; k++) {
    const row = byClient[k];
    const g = gid[row];
    if (g < 0) continue;
    const c = clientOf[row];
    if (c < 0) continue;
    if (lastVisitor[g] !== c) {
      lastVisitor[g] = c;
      visitors[g]++;
    }
    if (lastBuyer[g] !== c) {
      const order = orderOf === null ? row : orderOf[row];
      if (order >= 0 && purchased[order] === 1) {
        lastBuyer[g] = c;
        buyers[g]++;
      }
    }
  }
  return { visitors, buyers };
}

/** `rows` reordered by `codes[row]` (counting sort); rows with code -1 left out. */
function sortByCode(rows: Int32Array, codes: Int32Array, cardinality: number): Int32Array {
  const starts = new Int32Array(cardinality + 1);
  for (let k = 0; k < rows.length; k++) {
    const c = codes[rows[k]];
    if (c >= 0) starts[c + 1]++;
  }
  for (let c = 0; c < cardinality; c++) starts[c + 1] += starts[c];
  const out = new Int32Array(starts[cardinality]);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const c = codes[row];
    if (c >= 0) out[starts[c]++] = row;
  }
  return out;
}
