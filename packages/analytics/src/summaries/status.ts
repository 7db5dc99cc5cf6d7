import { calendarFor, type Row } from '@clvkit/core';
import { DAY_MS } from '../as-of.js';
import { churn as churnAnalysis } from '../analyses/customers/churn.js';
import { customerStatus as customerStatusAnalysis } from '../analyses/customers/customer-status.js';
import { classify, statusCuts, STATUSES, thresholdsMeta } from '../analyses/customers/status.js';
import { summaryAsOf } from './as-of.js';
import type { CustomerSummaryRecord, SummaryAnalysis } from './types.js';

/** The customers with an order by the as-of cut (the summaries were asked with it). */
function buyersOf(rows: readonly CustomerSummaryRecord[]): CustomerSummaryRecord[] {
  return rows.filter((row) => row.orders > 0 && row.lastOrderAt !== null);
}

/**
 * `customer_status` from summaries: the registry's rows (active, churned, long gone by the
 * last order as of the date; revenue = the customers' revenue to date) with its meta. The
 * status cuts and thresholds are the in-memory analysis's own (`statusCuts`, `classify`).
 */
export const customerStatusSummary: SummaryAnalysis = {
  name: 'customer_status',
  async run(request, env) {
    const params = customerStatusAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const { at, summariesFilter } = summaryAsOf('customer_status', request.filter, params.asOf, env);
    const meta = { asOf: at?.asOf ?? null, activeSince: null as number | null, longGoneBefore: null as number | null, buyers: 0, revenue: 0, thresholds: thresholdsMeta(params.thresholds) };
    const customers = [0, 0, 0];
    const revenue = [0, 0, 0];
    if (at) {
      const cuts = statusCuts(at.asOf, params.thresholds, calendarFor(env.time));
      meta.activeSince = cuts.activeSince;
      meta.longGoneBefore = cuts.longGoneBefore;
      for (const row of buyersOf(await env.summaries(summariesFilter))) {
        const s = classify(row.lastOrderAt as number, cuts);
        customers[s]++;
        revenue[s] += row.revenue;
      }
    }
    meta.buyers = customers[0] + customers[1] + customers[2];
    meta.revenue = revenue[0] + revenue[1] + revenue[2];
    const rows: Row[] = STATUSES.map((status, s) => ({ status, customers: customers[s], share: meta.buyers > 0 ? customers[s] / meta.buyers : null, revenue: revenue[s] }));
    return { rows, meta };
  },
};

/**
 * `churn` from summaries: the registry's one row (`churnAt`'s figures: mean gap of the repeat
 * buyers, buyers engaged within it of the as-of date, churn = 1 − engaged / buyers).
 */
export const churnSummary: SummaryAnalysis = {
  name: 'churn',
  async run(request, env) {
    const params = churnAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const { at, summariesFilter } = summaryAsOf('churn', request.filter, params.asOf, env);
    if (!at) return { rows: [{ avgGapDays: null, repeatBuyers: 0, buyers: 0, engaged: null, churn: null }], meta: { asOf: null, engagedSince: null } };
    const buyers = buyersOf(await env.summaries(summariesFilter));
    let gapSum = 0;
    let repeatBuyers = 0;
    for (const row of buyers) {
      if (row.orders < 2) continue;
      repeatBuyers++;
      gapSum += ((row.lastOrderAt as number) - (row.firstOrderAt as number)) / (row.orders - 1) / DAY_MS;
    }
    if (repeatBuyers === 0) return { rows: [{ avgGapDays: null, repeatBuyers, buyers: buyers.length, engaged: null, churn: null }], meta: { asOf: at.asOf, engagedSince: null } };
    const avgGapDays = gapSum / repeatBuyers;
    let engaged = 0;
    for (const row of buyers) if ((at.asOf - (row.lastOrderAt as number)) / DAY_MS <= avgGapDays) engaged++;
    return {
      rows: [{ avgGapDays, repeatBuyers, buyers: buyers.length, engaged, churn: 1 - engaged / buyers.length }],
      meta: { asOf: at.asOf, engagedSince: at.asOf - avgGapDays * DAY_MS },
    };
  },
};
