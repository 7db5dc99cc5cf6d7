import { basketSensitivity as basketSensitivityAnalysis, emptySensitivityResult, sensitivityResult } from '../analyses/rfm/basket-sensitivity.js';
import { sensitivityBrackets } from '../models/rfm/basket-sensitivity.js';
import { summaryAsOf } from './as-of.js';
import { defaultSegments, splitSegments } from './segments.js';
import type { SummaryAnalysis } from './types.js';

/**
 * `basket_sensitivity` from summaries: per customer with an order by the as-of instant, the
 * average order value = revenue / orders and the discount sensitivity = discountShareSum /
 * orders (the mean of the per-order `discountShare`, summed by the server), bracketed by the
 * in-memory `sensitivityBrackets` and shaped by its `sensitivityResult`. As-of, filter and
 * `rfm_segment` clauses as in memory: the brackets are fitted on every customer of the filter
 * without its segment clauses, then the customers of the selected default segments are kept.
 * Difference: rows in ascending client id (the summaries' order), not in first-appearance order.
 */
export const basketSensitivitySummary: SummaryAnalysis = {
  name: 'basket_sensitivity',
  async run(request, env) {
    const params = basketSensitivityAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const { rest, segments } = splitSegments('basket_sensitivity', request.filter);
    const { at, summariesFilter } = summaryAsOf('basket_sensitivity', rest, params.asOf, env);
    if (!at) return emptySensitivityResult(null);
    const buyers = (await env.summaries(summariesFilter)).filter((row) => row.orders > 0);
    const result = sensitivityBrackets(
      Float64Array.from(buyers, (row) => row.revenue / row.orders),
      Float64Array.from(buyers, (row) => row.discountShareSum / row.orders),
      params.seed,
    );
    const ids = buyers.map((row) => row.client);
    let keep = Int32Array.from(ids, (_, i) => i);
    if (segments.length > 0) {
      const of = await defaultSegments(env);
      keep = keep.filter((i) => segments.every((wanted) => wanted.has(of.get(ids[i]) ?? '')));
    }
    return sensitivityResult(ids, result, keep, params.limit, at.asOf);
  },
};
