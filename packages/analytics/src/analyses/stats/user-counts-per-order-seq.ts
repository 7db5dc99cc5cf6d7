import type { Row } from '@clvkit/core';
import { customerOrders } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';

/**
 * `user_counts_per_order_seq`: customers by their number of orders passing the filter (within
 * the period when the filter has one). For n = 1 .. max - 1 one row
 * `{ orders: n, label: 'n', customers, share }` with customers = customers with exactly n
 * orders, and a last row `{ orders: max, label: 'max+', customers, share }` counting those
 * with max or more; share = customers / buyers (null without buyers). Customers without an
 * order are left out. Param `max` (default 10, 1..1000). meta: `{ buyers, max, period }`.
 */
export const userCountsPerOrderSeq = defineAnalysis({
  name: 'user_counts_per_order_seq',
  description: 'Customers by number of orders (1, 2, ..., N+)',
  params: (raw) => {
    const read = new ParamReader('user_counts_per_order_seq', raw, ['max']);
    return { max: read.integer('max', 1, 1000, 10) };
  },
  run(context, { max }) {
    const orders = customerOrders(context);
    const counts = new Float64Array(max + 1);
    let buyers = 0;
    for (let c = 0; c < orders.clients; c++) {
      const n = orders.starts[c + 1] - orders.starts[c];
      if (n === 0) continue;
      counts[Math.min(n, max)]++;
      buyers++;
    }
    const rows: Row[] = [];
    for (let n = 1; n <= max; n++) {
      rows.push({ orders: n, label: n === max ? `${n}+` : String(n), customers: counts[n], share: buyers > 0 ? counts[n] / buyers : null });
    }
    return { rows, meta: { buyers, max, period: periodOf(context).range } };
  },
});
