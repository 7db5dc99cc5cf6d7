import type { Row } from '@clvkit/core';
import { customerOrders } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { niceBins, sturges } from './nice-bins.js';

/**
 * `purchase_amount_distribution`: a histogram of order values. With `per: 'customer'` (the
 * default, as in the seed) the values are each customer's average order value = Σ
 * payment_amount / number of their orders passing the filter (customers without such an order
 * left out); with `per: 'order'` every order's payment_amount. Bins: equal width on nice edges
 * (1, 2 or 5 × 10^k, see `niceBins`), about `bins` of them (default Sturges: ceil(log2 n) + 1)
 * covering the smallest to the largest value. Rows, every bin in order (empty ones as 0):
 * `{ x0, x1, customers }` (or `{ x0, x1, orders }`), a value v in the bin when x0 <= v < x1,
 * the last bin also taking v = x1. meta: `{ per, values, step, min, max, mean, period }`
 * (values = customers or orders counted; mean of the values, null without any).
 */
export const purchaseAmountDistribution = defineAnalysis({
  name: 'purchase_amount_distribution',
  description: "Histogram of customers' average order value (or of order values)",
  params: (raw) => {
    const read = new ParamReader('purchase_amount_distribution', raw, ['per', 'bins']);
    return { per: read.oneOf('per', ['customer', 'order'] as const, 'customer'), bins: read.integer('bins', 1, 1000, 0) };
  },
  run(context, { per, bins }) {
    const orders = customerOrders(context);
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const values = new Float64Array(per === 'customer' ? orders.clients : orders.rows.length);
    let n = 0;
    for (let c = 0; c < orders.clients; c++) {
      const from = orders.starts[c];
      const to = orders.starts[c + 1];
      if (to === from) continue;
      if (per === 'order') {
        for (let i = from; i < to; i++) values[n++] = payment[orders.rows[i]];
      } else {
        let sum = 0;
        for (let i = from; i < to; i++) sum += payment[orders.rows[i]];
        values[n++] = sum / (to - from);
      }
    }
    const countField = per === 'customer' ? 'customers' : 'orders';
    const period = periodOf(context).range;
    if (n === 0) return { rows: [], meta: { per, values: 0, step: null, min: null, max: null, mean: null, period } };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const histogram = niceBins(min, max, bins > 0 ? bins : sturges(n));
    const counts = new Float64Array(histogram.count);
    for (let i = 0; i < n; i++) counts[histogram.binOf(values[i])]++;
    const rows: Row[] = [];
    for (let b = 0; b < histogram.count; b++) rows.push({ x0: histogram.edge(b), x1: histogram.edge(b + 1), [countField]: counts[b] });
    return { rows, meta: { per, values: n, step: histogram.step, min, max, mean: sum / n, period } };
  },
});
