import type { Row } from '@clvkit/core';
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
