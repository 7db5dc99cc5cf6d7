import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { clvModel, segmentsOf } from './fitted-model.js';
import { GroupTotals } from './group-totals.js';
import { CLV_PARAM_NAMES, modelMeta, readClvParams, type ClvParams } from './params.js';
import { predictionsOf } from './predictions.js';
import { clvScope, selectedClients } from './scope.js';

const NAME = 'clvsegments_amount';

/**
 * `clvsegments_amount` (SPEC "predicted revenue per segment"; seed 002 "Churn probability"):
 * one row per RFM segment, all 11 in map order (empty ones with zeros), over the selected
 * customers with an order by the as-of: `{ segment, customers, expectedRevenue, expectedOrders,
 * clv, churnProbability, share }` where
 * expectedRevenue = Σ expectedOrders × expectedValue over the horizon (undiscounted);
 * expectedOrders = Σ E[Y(horizonDays)]; clv = Σ discounted CLV (see client_feature_predicted);
 * churnProbability = the mean of 1 − P(alive) over the segment's customers (null when empty);
 * share = expectedRevenue / Σ expectedRevenue of all segments (null when that is 0).
 * The segment is the customer's RFM segment at the same as-of over the same orders.
 * meta: `{ asOf, horizonDays, discountRate, customers, expectedRevenue, segments, bgnbd, gammaGamma }`.
 */
export const clvsegmentsAmount = defineAnalysis<ClvParams>({
  name: NAME,
  description: 'Expected revenue, orders, CLV and churn probability of each RFM segment over the horizon',
  long: true,
  params: (raw) => readClvParams(NAME, raw, new ParamReader(NAME, raw, [...CLV_PARAM_NAMES])),
  async run(context, params) {
    const scope = clvScope(context, NAME, params.asOf);
    const empty = (g: number): Row => ({ segment: SEGMENTS[g], customers: 0, expectedRevenue: 0, expectedOrders: 0, clv: 0, churnProbability: null, share: null });
    if (!scope) return { rows: SEGMENTS.map((_, g) => empty(g)), meta: { asOf: null, horizonDays: params.horizonDays, segments: [...SEGMENTS] } };
    const model = await clvModel(context, scope);
    const predictions = await predictionsOf(context, model, params.horizonDays, params.discountRate);
    const selected = selectedClients(context, scope);
    const segments = segmentsOf(context, scope, model);
    const totals = new GroupTotals(SEGMENTS.length, model, predictions);
    for (let i = 0; i < model.summary.length; i++) {
      const c = model.summary.client[i];
      if ((selected && !selected[c]) || segments[c] < 0) continue;
      totals.add(segments[c], i, 1, 0);
    }
    const { rows, revenue, customers } = segmentAmountRows(totals);
    return {
      rows,
      meta: { asOf: model.asOf, horizonDays: params.horizonDays, discountRate: params.discountRate, customers, expectedRevenue: revenue, segments: [...SEGMENTS], ...modelMeta(model) },
    };
  },
});

/**
 * The rows of `clvsegments_amount` from per-segment totals (in SEGMENTS order): each segment's
 * customers, expected revenue and orders, CLV, mean churn probability and share of the expected
 * revenue; with the totals over all segments. Shared with the summary-based version.
 */
export function segmentAmountRows(totals: GroupTotals): { rows: Row[]; revenue: number; customers: number } {
  let revenue = 0;
  let customers = 0;
  for (let g = 0; g < SEGMENTS.length; g++) {
    revenue += totals.expectedRevenue[g];
    customers += totals.customers[g];
  }
  const rows: Row[] = SEGMENTS.map((segment, g) => ({
    segment,
    customers: totals.customers[g],
    expectedRevenue: totals.expectedRevenue[g],
    expectedOrders: totals.expectedOrders[g],
    clv: totals.clv[g],
    churnProbability: totals.mean(totals.churn, g),
    share: revenue !== 0 ? totals.expectedRevenue[g] / revenue : null,
  }));
  return { rows, revenue, customers };
}
