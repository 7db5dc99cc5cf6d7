import { lineMask, MissingInputError, type Row, type StringColumn } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { clvModel, segmentsOf, type ClvFittedModel } from './fitted-model.js';
import { AT_RISK, GroupTotals } from './group-totals.js';
import { CLV_PARAM_NAMES, modelMeta, readClvParams, type ClvParams } from './params.js';
import { predictionsOf, type Predictions } from './predictions.js';
import { clvScope, selectedClients, type ClvScope } from './scope.js';

const NAME = 'clv_by';

/** What `clv_by` groups customers by. */
export const CLV_BY_KINDS = ['segment', 'product', 'dimension', 'location', 'gender'] as const;
export type ClvByKind = (typeof CLV_BY_KINDS)[number];

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
    requireInputs(context, params.by);
    const scope = clvScope(context, NAME, params.asOf);
    if (!scope) return { rows: [], meta: { by: params.by, asOf: null, horizonDays: params.horizonDays, atRisk: AT_RISK } };
    const model = await clvModel(context, scope);
    const predictions = await predictionsOf(context, model, params.horizonDays, params.discountRate);
    const selected = selectedClients(context, scope);
    const grouped = groupBy(context, scope, model, predictions, selected, params.by);
    const hasUnits = context.dataset.lines !== undefined;
    const { totals, labels } = grouped;
    const rowOf = (g: number): Row => ({
      key: labels[g],
      customers: totals.customers[g],
      expectedRevenue: totals.expectedRevenue[g],
      expectedOrders: totals.expectedOrders[g],
      ...(hasUnits && { expectedUnits: totals.expectedUnits[g] }),
      churnProbability: totals.mean(totals.churn, g),
      recency: totals.mean(totals.recency, g),
      frequency: totals.mean(totals.frequency, g),
      monetary: totals.mean(totals.monetary, g),
      opportunity: totals.opportunity[g],
    });
    let order = labels.map((_, g) => g);
    if (params.by !== 'segment') {
      order = order.filter((g) => totals.customers[g] > 0);
      order.sort((a, b) => Number(labels[a] === null) - Number(labels[b] === null) || totals.expectedRevenue[b] - totals.expectedRevenue[a] || String(labels[a]).localeCompare(String(labels[b])));
    }
    let customers = 0;
    for (let i = 0; i < model.summary.length; i++) if (!selected || selected[model.summary.client[i]]) customers++;
    return {
      rows: order.slice(0, params.limit).map(rowOf),
      meta: { by: params.by, asOf: model.asOf, horizonDays: params.horizonDays, discountRate: params.discountRate, atRisk: AT_RISK, customers, truncated: order.length > params.limit, ...modelMeta(model) },
    };
  },
});

function requireInputs(context: AnalysisContext, by: ClvByKind): void {
  const { dataset } = context;
  if (by === 'product' && !dataset.lines) throw new MissingInputError(NAME, 'basket lines', 'CLV by product splits each customer over the products of their basket lines');
  if (by === 'location' || by === 'gender') {
    if (!dataset.customers) throw new MissingInputError(NAME, 'customers', `CLV by ${by} reads the customers table's ${by} column`);
    const column = dataset.customers.columns[by];
    if (!column || column.type !== 'string') throw new MissingInputError(NAME, `customers.${by}`, `add a ${by} column (text) to the customers table`);
  }
  if (by === 'dimension') {
    const column = dataset.sessions.columns.dimension;
    if (!column || column.type !== 'string') throw new MissingInputError(NAME, 'sessions.dimension', 'map the retailer / store / channel column to dimension');
  }
}

interface Grouped {
  readonly totals: GroupTotals;
  readonly labels: readonly (string | null)[];
}

function groupBy(context: AnalysisContext, scope: ClvScope, model: ClvFittedModel, predictions: Predictions, selected: Uint8Array | null, by: ClvByKind): Grouped {
  const units = context.dataset.lines ? customerLines(context, scope, model) : null;
  const { summary } = model;
  const take = (i: number) => !selected || selected[summary.client[i]] === 1;
  if (by === 'segment' || by === 'location' || by === 'gender') {
    const { codes, labels } = by === 'segment' ? segmentCodes(context, scope, model) : attributeCodes(context, by);
    const nullGroup = labels.length;
    const totals = new GroupTotals(labels.length + 1, model, predictions);
    for (let i = 0; i < summary.length; i++) {
      if (!take(i)) continue;
      const code = codes[summary.client[i]];
      if (by === 'segment' && code < 0) continue;
      totals.add(code < 0 ? nullGroup : code, i, 1, units ? units.total[i] / model.orderCount[i] : 0);
    }
    return { totals, labels: by === 'segment' ? labels : [...labels, null] };
  }
  if (by === 'product') return splitByProduct(context, model, predictions, take, units!);
  return splitByDimension(context, model, predictions, take, units);
}

function segmentCodes(context: AnalysisContext, scope: ClvScope, model: ClvFittedModel): { codes: ArrayLike<number>; labels: readonly string[] } {
  return { codes: segmentsOf(context, scope, model), labels: SEGMENTS };
}

/** Per client code, the code of its customers-row value of `column` (-1 when none or blank). */
function attributeCodes(context: AnalysisContext, column: 'location' | 'gender'): { codes: Int32Array; labels: readonly string[] } {
  const derived = context.derived;
  const { codes: clientOfSession, cardinality } = derived.sessionClients();
  const customerOf = derived.sessionCustomers();
  const values = context.dataset.customers!.columns[column] as StringColumn;
  const blank = values.dictionary.map((v) => v.trim() === '');
  const out = new Int32Array(cardinality).fill(-1);
  for (let s = 0; s < clientOfSession.length; s++) {
    const c = clientOfSession[s];
    const row = customerOf[s];
    if (c < 0 || row < 0 || out[c] >= 0) continue;
    const v = values.codes[row];
    if (v >= 0 && !blank[v]) out[c] = v;
  }
  return { codes: out, labels: values.dictionary };
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

/** Each customer split over their products by line-revenue share. */
function splitByProduct(context: AnalysisContext, model: ClvFittedModel, predictions: Predictions, take: (i: number) => boolean, lines: CustomerLines): Grouped {
  const product = context.dataset.lines!.columns.product as StringColumn | undefined;
  if (!product || product.type !== 'string') throw new MissingInputError(NAME, 'lines.product', 'CLV by product needs the product of each basket line');
  const price = context.derived.numbers('lines', 'price', 0);
  const quantity = context.derived.numbers('lines', 'quantity', 1);
  const labels = product.dictionary;
  const totals = new GroupTotals(labels.length + 1, model, predictions);
  const revenue = new Float64Array(labels.length + 1);
  const units = new Float64Array(labels.length + 1);
  const touched: number[] = [];
  for (let i = 0; i < model.summary.length; i++) {
    if (!take(i)) continue;
    let sumRevenue = 0;
    let sumUnits = 0;
    for (let j = lines.starts[i]; j < lines.starts[i + 1]; j++) {
      const line = lines.lines[j];
      const code = product.codes[line] < 0 ? labels.length : product.codes[line];
      const q = quantity[line] === quantity[line] ? quantity[line] : 1;
      const p = price[line] === price[line] ? price[line] : 0;
      if (revenue[code] === 0 && units[code] === 0) touched.push(code);
      revenue[code] += p * q;
      units[code] += q;
      sumRevenue += p * q;
      sumUnits += q;
    }
    const byRevenue = sumRevenue > 0;
    for (const code of touched) {
      const w = byRevenue ? revenue[code] / sumRevenue : sumUnits > 0 ? units[code] / sumUnits : 0;
      if (w > 0) totals.add(code, i, w, units[code] / model.orderCount[i]);
      revenue[code] = 0;
      units[code] = 0;
    }
    touched.length = 0;
  }
  return { totals, labels: [...labels, null] };
}

/** Each customer split over the dimensions of their orders by revenue share. */
function splitByDimension(context: AnalysisContext, model: ClvFittedModel, predictions: Predictions, take: (i: number) => boolean, lines: CustomerLines | null): Grouped {
  const dimension = context.dataset.sessions.columns.dimension as StringColumn;
  const payment = context.derived.numbers('sessions', 'payment_amount', 0);
  const lineOrders = context.derived.lineOrders();
  const quantity = context.derived.numbers('lines', 'quantity', 1);
  const labels = dimension.dictionary;
  const nullGroup = labels.length;
  const totals = new GroupTotals(labels.length + 1, model, predictions);
  const revenue = new Float64Array(labels.length + 1);
  const orders = new Float64Array(labels.length + 1);
  const units = new Float64Array(labels.length + 1);
  const touched: number[] = [];
  const { orders: fit } = model;
  for (let i = 0; i < model.summary.length; i++) {
    if (!take(i)) continue;
    const c = model.summary.client[i];
    let sumRevenue = 0;
    for (let k = fit.starts[c]; k < fit.starts[c + 1]; k++) {
      const s = fit.rows[k];
      const code = dimension.codes[s] < 0 ? nullGroup : dimension.codes[s];
      if (orders[code] === 0) touched.push(code);
      const p = payment[s] === payment[s] ? payment[s] : 0;
      revenue[code] += p;
      orders[code]++;
      sumRevenue += p;
    }
    if (lines) {
      for (let j = lines.starts[i]; j < lines.starts[i + 1]; j++) {
        const line = lines.lines[j];
        const s = lineOrders[line];
        const code = dimension.codes[s] < 0 ? nullGroup : dimension.codes[s];
        units[code] += quantity[line] === quantity[line] ? quantity[line] : 1;
      }
    }
    const count = model.orderCount[i];
    for (const code of touched) {
      const w = sumRevenue > 0 ? revenue[code] / sumRevenue : orders[code] / count;
      if (w > 0) totals.add(code, i, w, units[code] / count);
      revenue[code] = 0;
      orders[code] = 0;
      units[code] = 0;
    }
    touched.length = 0;
  }
  return { totals, labels: [...labels, null] };
}
