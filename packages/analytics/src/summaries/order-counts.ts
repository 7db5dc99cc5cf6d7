import type { Row } from '@clvkit/core';
import { niceBins, sturges } from '../analyses/stats/nice-bins.js';
import { purchaseAmountDistribution } from '../analyses/stats/purchase-amount-distribution.js';
import { userCountsPerOrderSeq } from '../analyses/stats/user-counts-per-order-seq.js';
import { summaryPeriodRange } from './as-of.js';
import type { SummaryAnalysis } from './types.js';

/** `user_counts_per_order_seq` from summaries: customers by their orders under the filter (the registry's rows and meta). */
export const userCountsPerOrderSeqSummary: SummaryAnalysis = {
  name: 'user_counts_per_order_seq',
  async run(request, env) {
    const { max } = userCountsPerOrderSeq.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const counts = new Float64Array(max + 1);
    let buyers = 0;
    for (const row of await env.summaries(request.filter)) {
      if (row.orders === 0) continue;
      counts[Math.min(row.orders, max)]++;
      buyers++;
    }
    const rows: Row[] = [];
    for (let n = 1; n <= max; n++) rows.push({ orders: n, label: n === max ? `${n}+` : String(n), customers: counts[n], share: buyers > 0 ? counts[n] / buyers : null });
    return { rows, meta: { buyers, max, period: summaryPeriodRange(request.filter, env) } };
  },
};

/**
 * `purchase_amount_distribution` from summaries, `per: 'customer'` (the default): the
 * histogram of each customer's average order value = revenue / orders under the filter, on the
 * registry's nice bins. `per: 'order'` needs every order's value, which summaries do not carry:
 * refused with what to use instead.
 */
export const purchaseAmountDistributionSummary: SummaryAnalysis = {
  name: 'purchase_amount_distribution',
  async run(request, env) {
    const { per, bins } = purchaseAmountDistribution.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    if (per === 'order') throw new TypeError('purchase_amount_distribution: per "order" needs every order\'s value, which this data source does not send; use per "customer", or an aggregate grouped by payment_amount with a step');
    const period = summaryPeriodRange(request.filter, env);
    const values = (await env.summaries(request.filter)).filter((row) => row.orders > 0).map((row) => row.revenue / row.orders);
    const n = values.length;
    if (n === 0) return { rows: [], meta: { per, values: 0, step: null, min: null, max: null, mean: null, period } };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const histogram = niceBins(min, max, bins > 0 ? bins : sturges(n));
    const counts = new Float64Array(histogram.count);
    for (const v of values) counts[histogram.binOf(v)]++;
    const rows: Row[] = [];
    for (let b = 0; b < histogram.count; b++) rows.push({ x0: histogram.edge(b), x1: histogram.edge(b + 1), customers: counts[b] });
    return { rows, meta: { per, values: n, step: histogram.step, min, max, mean: sum / n, period } };
  },
};
