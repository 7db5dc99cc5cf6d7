import { allCustomerOrders } from '../../customer-orders.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/**
 * `sessions.previous_order_at`: for an order, the time of the same customer's previous order
 * over the whole data (epoch ms); missing for first orders and sessions without a purchase.
 * An order-gap cohort cell is then a filter: the 2nd orders whose previous (1st) order was on
 * day D, placed k days later, are `allOf([isIn('order_number', [2]),
 * interval('previous_order_at', D, D + 1 day), interval('session_start', D + k, D + k + 1)])`.
 * Registered by the cohorts group's index.
 */
export const previousOrderAt: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'previous_order_at',
  description: "For an order, the time of its customer's previous order (epoch ms; missing for first orders and non-purchases)",
  build(derived) {
    const orders = allCustomerOrders(derived);
    const values = new Float64Array(derived.dataset.sessions.length).fill(Number.NaN);
    for (let c = 0; c < orders.clients; c++) {
      for (let i = orders.starts[c] + 1; i < orders.starts[c + 1]; i++) values[orders.rows[i]] = orders.start[orders.rows[i - 1]];
    }
    return { type: 'time', values };
  },
};
