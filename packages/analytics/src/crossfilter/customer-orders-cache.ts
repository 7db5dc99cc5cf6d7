import { filterKey, sessionMask, type Filter } from '@clvkit/core';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../customer-orders.js';
import type { DerivedColumns } from '../derived.js';
import { ByteLru } from './byte-lru.js';
import { baseMask, baseOf } from './clause-bits.js';
import { conjunctionOf } from './conjunction.js';
import { fastPathSettings } from './settings.js';

/** Every customer's time-ordered orders under a filter, with the running sum of their payments. */
export interface CumulativeOrders extends CustomerOrders {
  /** Per entry of `rows`: Σ payment_amount of that customer's orders up to and including it. */
  readonly cumulativePayment: Float64Array;
}

/**
 * `CumulativeOrders` of the sessions passing `filter`, remembered per dataset and filter: a
 * brush moves the as-of date of the status analyses while the other clauses stay, so the
 * per-customer order lists are restricted once and every new date is a binary search per
 * customer (see `ordersUpTo`).
 */
export function cumulativeOrdersUnder(derived: DerivedColumns, filter: Filter): CumulativeOrders {
  return cachedOrdersUnder(derived, filter)!;
}

/**
 * `cumulativeOrdersUnder` when worth keeping: cached, or asked again under the same filter
 * with another as-of date (a brush moving while the other clauses stay: each new date is then
 * a binary search per customer). Otherwise (a click, or clicks toggling back to an earlier
 * filter at the same date) null: one pass over the orders (`lastOrdersUnder`) answers it
 * without building lists.
 */
export function repeatedOrdersUnder(derived: DerivedColumns, filter: Filter, asOf: number): CumulativeOrders | null {
  return cachedOrdersUnder(derived, filter, asOf);
}

function cachedOrdersUnder(derived: DerivedColumns, filter: Filter, asOf?: number): CumulativeOrders | null {
  const cache = derived.memo('crossfilter:customerOrders', () => new ByteLru<CumulativeOrders>(fastPathSettings.maskBudgetBytes));
  const key = filterKey(filter);
  let hit = cache.get(key);
  if (!hit && asOf !== undefined) {
    // Lists that would not fit the budget could never be reused: answer by one pass instead.
    const all = allCustomerOrders(derived);
    if (all.rows.length * 12 + all.starts.byteLength > fastPathSettings.maskBudgetBytes) return null;
    const dates = derived.memo('crossfilter:customerOrdersDates', () => new Map<string, number>());
    const previous = dates.get(key);
    if (previous === undefined || previous === asOf) {
      if (previous === undefined && dates.size >= 64) dates.clear();
      dates.set(key, asOf);
      return null;
    }
  }
  if (!hit) {
    const all = allCustomerOrders(derived);
    const base = filter.predicates.length === 0 ? null : baseOf(derived, 'sessions', conjunctionOf([filter]), -1);
    const mask = base ? baseMask(base) : filter.predicates.length === 0 ? null : sessionMask(derived.dataset, filter);
    const orders = mask ? restrictCustomerOrders(all, mask) : all;
    const payment = derived.numbers('sessions', 'payment_amount', 0);
    const cumulativePayment = new Float64Array(orders.rows.length);
    for (let c = 0; c < orders.clients; c++) {
      let sum = 0;
      for (let i = orders.starts[c]; i < orders.starts[c + 1]; i++) {
        sum += payment[orders.rows[i]];
        cumulativePayment[i] = sum;
      }
    }
    hit = { ...orders, cumulativePayment };
    cache.set(key, hit, orders.rows.byteLength + orders.starts.byteLength + cumulativePayment.byteLength);
  }
  return hit;
}

/**
 * How many of client `c`'s orders (a time-ordered run) satisfy `t <= asOf && t < before`: a
 * binary search, as the orders are sorted by time.
 */
export function ordersUpTo(orders: CustomerOrders, c: number, asOf: number, before: number): number {
  const { rows, start } = orders;
  const from = orders.starts[c];
  let lo = from;
  let hi = orders.starts[c + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = start[rows[mid]];
    if (t <= asOf && t < before) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

/** Per customer with an order by the as-of date under a filter: their last such order and the payments up to it. */
export interface LastOrders {
  /** Per client code: the session row of the last counted order, -1 without one. */
  readonly last: Int32Array;
  /** Per client code: Σ payment_amount of the counted orders. */
  readonly payment: Float64Array;
}

/**
 * Each customer's last order with `t <= asOf && t < before` among the sessions passing
 * `filter`, and the sum of their payments: one sequential pass over the sessions (reading the
 * orders customer by customer would jump across the columns at every order). Sums are taken
 * in row order rather than time order, which changes nothing but the last bits of a sum.
 */
export function lastOrdersUnder(derived: DerivedColumns, filter: Filter, asOf: number, before: number): LastOrders {
  const { codes: clients, cardinality } = derived.sessionClients();
  const purchased = derived.purchased();
  const start = derived.numbers('sessions', 'session_start', Number.NaN);
  const payment = derived.numbers('sessions', 'payment_amount', 0);
  const base = filter.predicates.length === 0 ? null : baseOf(derived, 'sessions', conjunctionOf([filter]), -1);
  const mask = base || filter.predicates.length === 0 ? null : sessionMask(derived.dataset, filter);
  const bits = base ? base.bits : null;
  const bitMask = base ? base.mask : 0;
  const last = new Int32Array(cardinality).fill(-1);
  const lastTime = new Float64Array(cardinality).fill(-Infinity);
  const sums = new Float64Array(cardinality);
  for (let row = 0; row < clients.length; row++) {
    if (purchased[row] === 0) continue;
    if (bits !== null ? (bits[row] & bitMask) !== 0 : mask !== null && mask[row] === 0) continue;
    const c = clients[row];
    const t = start[row];
    if (c < 0 || !(t <= asOf && t < before)) continue;
    sums[c] += payment[row];
    // Ties keep the later row, as the time-ordered lists do.
    if (t >= lastTime[c]) {
      lastTime[c] = t;
      last[c] = row;
    }
  }
  return { last, payment: sums };
}
