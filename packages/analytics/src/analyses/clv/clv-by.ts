import { lineMask, MissingInputError, type StringColumn } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { attributeCodes, CLV_BY, CLV_BY_KINDS, clvByResult, datasetInputs, emptyClvByResult, groupByCodes, GroupShares, requireClvByInputs, type ClvByKind, type ClvGroups } from './clv-by-groups.js';
import { clvModel, segmentsOf, type ClvFittedModel } from './fitted-model.js';
import { GroupTotals } from './group-totals.js';
import { CLV_PARAM_NAMES, readClvParams, type ClvParams } from './params.js';
import { predictionsOf, type Predictions } from './predictions.js';
import { clvScope, selectedClients, type ClvScope } from './scope.js';

const NAME = CLV_BY;

export { CLV_BY_KINDS, type ClvByKind } from './clv-by-groups.js';

/** Params of `clv_by`. */
export interface ClvByParams extends ClvParams {
  readonly by: ClvByKind;
  readonly limit: number;
}

/**
 * `clv_by` (seed 002 "CLV" and "CLV opportunity" tabs): the selected customers' predictions
 * (see client_feature_predicted) summed by `by`:
 * `{ key, customers, expectedRevenue, expectedOrders, expectedUnits?, churnProbability,
 * recency, frequency, monetary, opportunity }`.
 *
 * - `segment`: the RFM segment (all 11 rows in map order); `location` / `gender`: that column
 *   of the customers table (key null for customers without one, last); each customer counts
 *   fully in their group.
 * - `product`: a customer's expected revenue, orders and opportunity are split over the
 *   products of their past basket lines (up to the as-of, lines passing the filter's order
 *   clauses) by each product's share of their line revenue (price × quantity; by quantity when
 *   their lines are all free). A customer counts once among the customers of each product they
 *   bought. Needs basket lines.
 * - `dimension` (retailer / store / channel): the same split by each dimension's share of the
 *   customer's past order revenue (payment_amount; by order count when it is all zero).
 *
 * Columns: expectedRevenue = Σ w · E[orders] · E[value] over the horizon (undiscounted);
 * expectedOrders = Σ w · E[orders]; expectedUnits (with basket lines) = Σ E[orders] × the
 * customer's past units in the group per past order; churnProbability, recency (days since
 * the last order), frequency (orders) and monetary (total revenue) = means over the group's
 * customers as of the as-of; opportunity = Σ w · expected revenue of the customers at risk
 * (churn probability > 0.5): the revenue a retention effort would try to keep.
 * Other rows by expectedRevenue descending, at most `limit` (default 1 000).
 * meta: `{ by, asOf, horizonDays, discountRate, atRisk: 0.5, customers, bgnbd, gammaGamma }`.
 */
export const clvBy = defineAnalysis<ClvByParams>({
  name: NAME,
  description: 'Expected revenue, orders, units, churn probability and revenue opportunity by segment, product, retailer, location or gender',
  long: true,
  params: (raw) => {
    const read = new ParamReader(NAME, raw, [...CLV_PARAM_NAMES, 'by', 'limit']);
    return { ...readClvParams(NAME, raw, read), by: read.oneOf('by', CLV_BY_KINDS, 'segment'), limit: read.integer('limit', 1, 1_000_000, 1000) };
  },
  async run(context, params) {
    requireClvByInputs(params.by, datasetInputs(context.dataset));
    const scope = clvScope(context, NAME, params.asOf);
    if (!scope) return emptyClvByResult(params.by, params.horizonDays);
    const model = await clvModel(context, scope);
    const predictions = await predictionsOf(context, model, params.horizonDays, params.discountRate);
    const selected = selectedClients(context, scope);
    const grouped = groupBy(context, scope, model, predictions, selected, params.by);
    let customers = 0;
    for (let i = 0; i < model.summary.length; i++) if (!selected || selected[model.summary.client[i]]) customers++;
    return clvByResult(model, grouped, { ...params, hasUnits: context.dataset.lines !== undefined, customers });
  },
});

function groupBy(context: AnalysisContext, scope: ClvScope, model: ClvFittedModel, predictions: Predictions, selected: Uint8Array | null, by: ClvByKind): ClvGroups {
  const units = context.dataset.lines ? customerLines(context, scope, model) : null;
  const { summary } = model;
  const take = (i: number) => !selected || selected[summary.client[i]] === 1;
  const unitsPerOrder = (i: number) => (units ? units.total[i] / model.orderCount[i] : 0);
  if (by === 'segment') {
    const codes = segmentsOf(context, scope, model);
    return groupByCodes(model, predictions, take, (i) => codes[summary.client[i]], SEGMENTS, unitsPerOrder, 'skip');
  }
  if (by === 'location' || by === 'gender') {
    const { codes, labels } = attributeCodes(context.dataset, context.derived, by);
    return groupByCodes(model, predictions, take, (i) => codes[summary.client[i]], labels, unitsPerOrder, 'null');
  }
  if (by === 'product') return splitByProduct(context, model, predictions, take, units!);
  return splitByDimension(context, model, predictions, take, units);
}

/** Per model row, the basket lines of the customer's counted orders (lines passing the order clauses). */
interface CustomerLines {
  /** Units (Σ quantity) per model row. */
  readonly total: Float64Array;
  /** Per model row i, its lines are `lines[starts[i]] .. lines[starts[i+1] - 1]` (line rows). */
  readonly lines: Int32Array;
  readonly starts: Int32Array;
}

function customerLines(context: AnalysisContext, scope: ClvScope, model: ClvFittedModel): CustomerLines {
  const derived = context.derived;
  const byOrder = derived.linesOfOrders();
  const quantity = derived.numbers('lines', 'quantity', 1);
  const mask = scope.fitFilter.predicates.length > 0 ? lineMask(context.dataset, scope.fitFilter) : null;
  const { orders, summary } = model;
  const starts = new Int32Array(summary.length + 1);
  const list: number[] = [];
  const total = new Float64Array(summary.length);
  for (let i = 0; i < summary.length; i++) {
    const c = summary.client[i];
    for (let k = orders.starts[c]; k < orders.starts[c + 1]; k++) {
      const s = orders.rows[k];
      for (let j = byOrder.starts[s]; j < byOrder.starts[s + 1]; j++) {
        const line = byOrder.rows[j];
        if (mask && !mask[line]) continue;
        list.push(line);
        const q = quantity[line];
        total[i] += q === q ? q : 1;
      }
    }
    starts[i + 1] = list.length;
  }
  return { total, lines: Int32Array.from(list), starts };
}

/** Each customer split over their products by line-revenue share (by units when their lines are all free). */
function splitByProduct(context: AnalysisContext, model: ClvFittedModel, predictions: Predictions, take: (i: number) => boolean, lines: CustomerLines): ClvGroups {
  const product = context.dataset.lines!.columns.product as StringColumn | undefined;
  if (!product || product.type !== 'string') throw new MissingInputError(NAME, 'lines.product', 'CLV by product needs the product of each basket line');
  const price = context.derived.numbers('lines', 'price', 0);
  const quantity = context.derived.numbers('lines', 'quantity', 1);
  const labels = product.dictionary;
  const totals = new GroupTotals(labels.length + 1, model, predictions);
  const shares = new GroupShares(labels.length + 1);
  for (let i = 0; i < model.summary.length; i++) {
    if (!take(i)) continue;
    for (let j = lines.starts[i]; j < lines.starts[i + 1]; j++) {
      const line = lines.lines[j];
      const code = product.codes[line] < 0 ? labels.length : product.codes[line];
      const q = quantity[line] === quantity[line] ? quantity[line] : 1;
      const p = price[line] === price[line] ? price[line] : 0;
      shares.add(code, p * q, q, q);
    }
    shares.flush(totals, i, model.orderCount[i]);
  }
  return { totals, labels: [...labels, null] };
}

/** Each customer split over the dimensions of their orders by revenue share (by order count when it is all zero). */
function splitByDimension(context: AnalysisContext, model: ClvFittedModel, predictions: Predictions, take: (i: number) => boolean, lines: CustomerLines | null): ClvGroups {
  const dimension = context.dataset.sessions.columns.dimension as StringColumn;
  const payment = context.derived.numbers('sessions', 'payment_amount', 0);
  // Without basket lines there are no line orders to read (and no units).
  const lineOrders = lines ? context.derived.lineOrders() : null;
  const quantity = lines ? context.derived.numbers('lines', 'quantity', 1) : null;
  const labels = dimension.dictionary;
  const nullGroup = labels.length;
  const totals = new GroupTotals(labels.length + 1, model, predictions);
  const shares = new GroupShares(labels.length + 1);
  const { orders: fit } = model;
  for (let i = 0; i < model.summary.length; i++) {
    if (!take(i)) continue;
    const c = model.summary.client[i];
    for (let k = fit.starts[c]; k < fit.starts[c + 1]; k++) {
      const s = fit.rows[k];
      const p = payment[s] === payment[s] ? payment[s] : 0;
      shares.add(dimension.codes[s] < 0 ? nullGroup : dimension.codes[s], p, 1, 0);
    }
    if (lines && lineOrders && quantity) {
      for (let j = lines.starts[i]; j < lines.starts[i + 1]; j++) {
        const line = lines.lines[j];
        const s = lineOrders[line];
        shares.add(dimension.codes[s] < 0 ? nullGroup : dimension.codes[s], 0, 0, quantity[line] === quantity[line] ? quantity[line] : 1);
      }
    }
    shares.flush(totals, i, model.orderCount[i]);
  }
  return { totals, labels: [...labels, null] };
}
