import { DAY_MS, type AsOf } from '../../as-of.js';
import type { CustomerOrders } from '../../customer-orders.js';

/** Monetary value of a customer: total revenue or average order value. */
export type MonetaryKind = 'total' | 'average';
export const MONETARY_KINDS: readonly MonetaryKind[] = ['total', 'average'];

/**
 * Raw RFM values of the customers with at least one order by the as-of instant (one-order
 * customers included), in client-code order. Index i of every array is customer `clients[i]`.
 */
export interface RfmValues {
  /** Client codes (of `sessions.client`), ascending. */
  readonly clients: Int32Array;
  /** Days (24 h, fractional) from the last order to the as-of instant. */
  readonly recency: Float64Array;
  /** Number of orders. */
  readonly frequency: Float64Array;
  /** Total revenue, or revenue / orders with `monetary: 'average'`. */
  readonly monetary: Float64Array;
  /** Total revenue (Σ payment), whatever `monetary` is. */
  readonly revenue: Float64Array;
  /** Mean days between consecutive orders = (last − first) / (orders − 1); NaN for one order. */
  readonly meanGap: Float64Array;
  /** First and last order instants (epoch ms). */
  readonly firstOrder: Float64Array;
  readonly lastOrder: Float64Array;
}

/**
 * Every customer's recency, frequency, monetary value and mean gap at `at`: a customer's
 * orders with `time <= at.asOf && time < at.before` count (see `AsOf`); customers with none
 * are left out. Revenue is Σ `payment` (sessions.payment_amount) of those orders.
 */
export function rfmValues(orders: CustomerOrders, payment: Float64Array, at: AsOf, monetary: MonetaryKind = 'total'): RfmValues {
  const { rows, starts, start } = orders;
  let customers = 0;
  const counted = new Int32Array(orders.clients);
  for (let c = 0; c < orders.clients; c++) {
    let k = 0;
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      const t = start[rows[i]];
      if (!(t <= at.asOf && t < at.before)) break;
      k++;
    }
    counted[c] = k;
    if (k > 0) customers++;
  }
  const out = {
    clients: new Int32Array(customers),
    recency: new Float64Array(customers),
    frequency: new Float64Array(customers),
    monetary: new Float64Array(customers),
    revenue: new Float64Array(customers),
    meanGap: new Float64Array(customers),
    firstOrder: new Float64Array(customers),
    lastOrder: new Float64Array(customers),
  };
  let j = 0;
  for (let c = 0; c < orders.clients; c++) {
    const k = counted[c];
    if (k === 0) continue;
    let sum = 0;
    for (let i = starts[c]; i < starts[c] + k; i++) sum += payment[rows[i]];
    const first = start[rows[starts[c]]];
    const last = start[rows[starts[c] + k - 1]];
    out.clients[j] = c;
    out.recency[j] = (at.asOf - last) / DAY_MS;
    out.frequency[j] = k;
    out.revenue[j] = sum;
    out.monetary[j] = monetary === 'average' ? sum / k : sum;
    out.meanGap[j] = k > 1 ? (last - first) / DAY_MS / (k - 1) : Number.NaN;
    out.firstOrder[j] = first;
    out.lastOrder[j] = last;
    j++;
  }
  return out;
}
