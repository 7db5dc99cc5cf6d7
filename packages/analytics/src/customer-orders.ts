import type { AnalysisContext } from './types.js';
import type { CodeIndex, DerivedColumns } from './derived.js';

/**
 * Each customer's orders in time order, the backbone of every per-customer analysis (cohorts,
 * journey, churn, status, RFM, CLV): the orders of client code c are the session rows
 * `rows[starts[c]] .. rows[starts[c + 1] - 1]`, sorted by session_start (ties by row).
 * Only sessions with has_purchased count; sessions without a client or a start are left out.
 */
export interface CustomerOrders extends CodeIndex {
  /** Number of client codes (the length of `starts` minus one). */
  readonly clients: number;
  /** session_start of every session row (epoch ms), for reading the times of `rows`. */
  readonly start: Float64Array;
}

/** All orders of every customer, time-ordered; built once per dataset and cached. */
export function allCustomerOrders(derived: DerivedColumns): CustomerOrders {
  return derived.memo('customerOrders', () => {
    const { codes, cardinality } = derived.sessionClients();
    const purchased = derived.purchased();
    const start = derived.numbers('sessions', 'session_start', Number.NaN);
    const n = codes.length;
    const starts = new Int32Array(cardinality + 1);
    for (let row = 0; row < n; row++) {
      const c = codes[row];
      if (c >= 0 && purchased[row] !== 0 && start[row] === start[row]) starts[c + 1]++;
    }
    for (let c = 0; c < cardinality; c++) starts[c + 1] += starts[c];
    // Rows are placed in row order, so a customer's run is sorted by (time, row) unless a
    // later row has an earlier time: only those runs are sorted afterwards (sessions usually
    // come in time order, per customer or overall).
    const rows = new Int32Array(starts[cardinality]);
    const next = starts.slice(0, cardinality);
    const latest = new Float64Array(cardinality).fill(-Infinity);
    const unsorted = new Uint8Array(cardinality);
    for (let row = 0; row < n; row++) {
      const c = codes[row];
      if (c < 0 || purchased[row] === 0) continue;
      const t = start[row];
      if (t !== t) continue;
      rows[next[c]++] = row;
      if (t < latest[c]) unsorted[c] = 1;
      else latest[c] = t;
    }
    for (let c = 0; c < cardinality; c++) if (unsorted[c]) sortRunByTime(rows, starts[c], starts[c + 1], start);
    return { rows, starts, clients: cardinality, start };
  });
}

/**
 * The orders of every customer that pass the context's filter (the selection's clauses but
 * the widget's own), time-ordered. With an empty filter this is `allCustomerOrders`.
 * Note that filtering orders changes sequences: with a channel filter a customer's "first
 * order" is their first order in that channel, which is what a filtered cohort means.
 */
export function customerOrders(context: AnalysisContext): CustomerOrders {
  const all = allCustomerOrders(context.derived);
  if (context.filter.predicates.length === 0) return all;
  return restrictCustomerOrders(all, context.sessionMask());
}

/** `orders` restricted to the session rows where `mask` is 1, keeping each customer's order. */
export function restrictCustomerOrders(orders: CustomerOrders, mask: Uint8Array): CustomerOrders {
  const starts = new Int32Array(orders.clients + 1);
  let kept = 0;
  for (let c = 0; c < orders.clients; c++) {
    for (let i = orders.starts[c]; i < orders.starts[c + 1]; i++) if (mask[orders.rows[i]]) kept++;
    starts[c + 1] = kept;
  }
  const rows = new Int32Array(kept);
  let k = 0;
  for (let i = 0; i < orders.rows.length; i++) if (mask[orders.rows[i]]) rows[k++] = orders.rows[i];
  return { rows, starts, clients: orders.clients, start: orders.start };
}

/**
 * `values[orders.rows[i]]` for every position i of `orders`: a session column laid out in the
 * orders' own order, so a loop over each customer's orders reads it sequentially instead of
 * jumping around the sessions. For the full order list (`allCustomerOrders`) it is built once
 * per dataset under `key`; do not modify it.
 */
export function ordersColumn<T extends Float64Array | Int32Array>(derived: DerivedColumns, orders: CustomerOrders, key: string, values: T): T {
  const build = (): T => {
    const out = new (values.constructor as new (length: number) => T)(orders.rows.length);
    const rows = orders.rows;
    for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  };
  return orders === allCustomerOrders(derived) ? derived.memo(`customerOrders:${key}`, build) : build();
}

/** Insertion sort for short runs, a typed-array sort for long ones (a customer has few orders). */
function sortRunByTime(rows: Int32Array, from: number, to: number, time: Float64Array): void {
  if (to - from < 2) return;
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const row = rows[i];
      const t = time[row];
      let j = i - 1;
      while (j >= from && (time[rows[j]] > t || (time[rows[j]] === t && rows[j] > row))) {
        rows[j + 1] = rows[j];
        j--;
      }
      rows[j + 1] = row;
    }
    return;
  }
  const run = Array.from(rows.subarray(from, to));
  run.sort((a, b) => time[a] - time[b] || a - b);
  rows.set(run, from);
}
