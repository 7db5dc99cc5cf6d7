import { sessionMask, type QueryResult, type Row } from '@clvkit/core';
import { readAsOf, readInstant, resolveAsOf, type AsOfParam } from '../../as-of.js';
import { allCustomerOrders, restrictCustomerOrders } from '../../customer-orders.js';
import { basketSensitivity as computeSensitivity, BRACKETS, type BasketSensitivity, type SensitivityBrackets } from '../../models/rfm/basket-sensitivity.js';
import { splitSegmentClauses } from '../../models/rfm/customer-rfm.js';
import { DEFAULT_SEED } from '../../models/rfm/kmeans1d.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { requireOrderColumns } from './params.js';
import { sampleCustomers } from './sample.js';
import { DEFAULT_SCATTER_LIMIT } from './scatter.js';

/** Params of `basket_sensitivity`. */
export interface BasketSensitivityParams {
  readonly asOf: AsOfParam;
  readonly seed: number;
  readonly limit: number;
}

/**
 * `basket_sensitivity` (seed 000 "Basket and Sensitivity Index"): per customer with an order by
 * the as-of instant, `{ client, averageOrderValue, discountSensitivity, basketBracket,
 * discountBracket }` where averageOrderValue = Σ payment / orders, discountSensitivity = mean
 * over the orders of discount / (payment + discount) (0 for an order with payment + discount
 * <= 0; each share clamped to [0, 1]), and the brackets 'low' | 'mid' | 'high' come from seeded
 * 1-D k-means with k = 3, on log1p(average order value) and on the sensitivity (see
 * `basketSensitivity`). Orders, as-of and filter as in `rfm` (clauses on `rfm_segment` select
 * customers without changing the brackets). At most `limit` rows (default 20 000), sampled by
 * client-id hash beyond it. meta: `{ basketBrackets: [{ bracket, min, max, customers }],
 * discountBrackets: [...], customers, truncated, asOf }` (brackets over all the customers).
 * Needs sessions.discount_amount (MissingInputError otherwise).
 */
export const basketSensitivity = defineAnalysis({
  name: 'basket_sensitivity',
  description: 'Per customer average order value and discount sensitivity, each in low / mid / high brackets (k-means, k = 3)',
  params: (raw): BasketSensitivityParams => {
    const read = new ParamReader('basket_sensitivity', raw, ['asOf', 'seed', 'limit']);
    return {
      asOf: readAsOf('basket_sensitivity', raw),
      seed: read.integer('seed', -2_147_483_648, 2_147_483_647, DEFAULT_SEED),
      limit: read.integer('limit', 1, 1_000_000, DEFAULT_SCATTER_LIMIT),
    };
  },
  run(context, params) {
    requireOrderColumns(context, 'basket_sensitivity', ['payment_amount', 'discount_amount']);
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant('basket_sensitivity', 'asOf', params.asOf, context.calendar));
    if (!at) return emptySensitivityResult(null);
    const { fit, segmentClauses } = splitSegmentClauses(period.rest);
    const all = allCustomerOrders(context.derived);
    const orders = fit.predicates.length === 0 ? all : restrictCustomerOrders(all, sessionMask(context.dataset, fit));
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const discount = context.derived.numbers('sessions', 'discount_amount', 0);
    const result = computeSensitivity(orders, payment, discount, at, { seed: params.seed });
    const keep = selectedCustomers(context, result, segmentClauses);
    const ids = context.derived.dataset.sessions.columns.client;
    const dictionary = ids.type === 'string' ? ids.dictionary : [];
    return sensitivityResult(Array.from(result.clients, (code) => dictionary[code]), result, keep, params.limit, at.asOf);
  },
});

/** The result of `basket_sensitivity` with no customer (no order by the as-of instant, or no sessions). */
export function emptySensitivityResult(asOf: number | null): QueryResult {
  const empty = () => BRACKETS.map((bracket) => ({ bracket, min: null, max: null, customers: 0 }));
  return { rows: [], meta: { basketBrackets: empty(), discountBrackets: empty(), customers: 0, truncated: false, asOf } };
}

/**
 * The rows and meta of `basket_sensitivity` from every customer's values and brackets
 * (`clientIds[i]` is customer i; `keep` the indices selected by the segment clauses, ascending):
 * the kept customers sampled to `limit` by client-id hash, and each bracket's size and range over
 * the kept customers. Shared by the in-memory analysis and its summary-based version.
 */
export function sensitivityResult(clientIds: readonly string[], result: SensitivityBrackets, keep: Int32Array, limit: number, asOf: number): QueryResult {
  const { indices, truncated } = sampleCustomers(Array.from(keep, (i) => clientIds[i]), limit);
  const rows: Row[] = new Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = keep[indices[k]];
    rows[k] = {
      client: clientIds[i],
      averageOrderValue: result.averageOrderValue[i],
      discountSensitivity: result.discountSensitivity[i],
      basketBracket: BRACKETS[result.basketBracket[i]],
      discountBracket: BRACKETS[result.discountBracket[i]],
    };
  }
  const summary = (values: Float64Array, codes: Uint8Array) =>
    BRACKETS.map((bracket, b) => {
      let customers = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const i of keep) {
        if (codes[i] !== b) continue;
        customers++;
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      return { bracket, min: customers ? min : null, max: customers ? max : null, customers };
    });
  return {
    rows,
    meta: {
      basketBrackets: summary(result.averageOrderValue, result.basketBracket),
      discountBrackets: summary(result.discountSensitivity, result.discountBracket),
      customers: keep.length,
      truncated,
      asOf,
    },
  };
}

/** Indices of the customers of `result` selected by the segment clauses (all without any). */
function selectedCustomers(context: AnalysisContext, result: BasketSensitivity, segmentClauses: ReturnType<typeof splitSegmentClauses>['segmentClauses']): Int32Array {
  if (segmentClauses.length === 0) return Int32Array.from({ length: result.clients.length }, (_, i) => i);
  const mask = sessionMask(context.dataset, { mode: 'and', predicates: segmentClauses });
  const { codes, cardinality } = context.derived.sessionClients();
  const selected = new Uint8Array(cardinality);
  for (let i = 0; i < codes.length; i++) if (mask[i] && codes[i] >= 0) selected[codes[i]] = 1;
  const keep: number[] = [];
  for (let i = 0; i < result.clients.length; i++) if (selected[result.clients[i]]) keep.push(i);
  return Int32Array.from(keep);
}
