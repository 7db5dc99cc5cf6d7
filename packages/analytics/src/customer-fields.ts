import { allCustomerOrders } from './customer-orders.js';
import type { DerivedFieldDefinition } from './derived-fields.js';

/**
 * `sessions.first_order_at`: the time of the session's customer's first order over the whole
 * data (NaN for customers without an order). Cohort widgets filter on it: "customers whose
 * first order was in March" is `interval('first_order_at', march, april)`.
 */
export const firstOrderAtField: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'first_order_at',
  description: "The time of the customer's first order (epoch ms; missing when the customer never ordered)",
  build(derived) {
    const orders = allCustomerOrders(derived);
    const { codes } = derived.sessionClients();
    const first = new Float64Array(orders.clients).fill(Number.NaN);
    for (let c = 0; c < orders.clients; c++) {
      if (orders.starts[c + 1] > orders.starts[c]) first[c] = orders.start[orders.rows[orders.starts[c]]];
    }
    const values = new Float64Array(codes.length);
    for (let i = 0; i < codes.length; i++) values[i] = codes[i] >= 0 ? first[codes[i]] : Number.NaN;
    return { type: 'time', values };
  },
};

/**
 * `sessions.order_number`: for an order, its 1-based position in its customer's orders by
 * time (1 = first order); 0 for sessions without a purchase. `isIn('order_number', [1])`
 * selects first orders, `interval('order_number', 2, Infinity)` repeat orders.
 */
export const orderNumberField: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'order_number',
  description: "The order's position in its customer's orders by time (1 = first); 0 for sessions without a purchase",
  build(derived) {
    const orders = allCustomerOrders(derived);
    const values = new Float64Array(derived.dataset.sessions.length);
    for (let c = 0; c < orders.clients; c++) {
      for (let i = orders.starts[c]; i < orders.starts[c + 1]; i++) values[orders.rows[i]] = i - orders.starts[c] + 1;
    }
    return { type: 'number', values };
  },
};

/**
 * `sessions.customer_orders`: the number of orders of the session's customer over the whole
 * data (0 for customers who never ordered). "Customers with 3 orders" is
 * `isIn('customer_orders', [3])`, "10 or more" `interval('customer_orders', 10, Infinity)`.
 */
export const customerOrdersField: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'customer_orders',
  description: "The number of orders of the session's customer (0 when the customer never ordered)",
  build(derived) {
    const orders = allCustomerOrders(derived);
    const { codes } = derived.sessionClients();
    const values = new Float64Array(codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c >= 0) values[i] = orders.starts[c + 1] - orders.starts[c];
    }
    return { type: 'number', values };
  },
};
