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
  const cache = derived.memo('crossfilter:customerOrders', () => new ByteLru<CumulativeOrders>(fastPathSettings.maskBudgetBytes));
  const key = filterKey(filter);
  let hit = cache.get(key);
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
