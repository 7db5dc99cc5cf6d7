import { MissingInputError, type Column, type Dataset, type QueryResult, type Row, type StringColumn } from '@clvkit/core';
import type { DerivedColumns } from '../../derived.js';
import type { ClvFittedModel } from './fitted-model.js';
import { AT_RISK, GroupTotals } from './group-totals.js';
import { modelMeta } from './params.js';
import type { Predictions } from './predictions.js';

/**
 * The grouping and the rows of `clv_by` (see clv-by.ts), shared by the in-memory analysis and
 * its summary-based version (summaries/clv-by.ts): both feed a `GroupTotals` per group from the
 * model's rows, through `groupByCodes` (a customer in one group) or `GroupShares` (a customer
 * split over groups by revenue share), and turn it into rows and meta with `clvByResult`.
 */

/** The analysis name (its errors name it). */
export const CLV_BY = 'clv_by';

/** What `clv_by` groups customers by. */
export const CLV_BY_KINDS = ['segment', 'product', 'dimension', 'location', 'gender'] as const;
export type ClvByKind = (typeof CLV_BY_KINDS)[number];

/** Per-group totals and the group labels (index g: group g; a null label is the "none" group). */
export interface ClvGroups {
  readonly totals: GroupTotals;
  readonly labels: readonly (string | null)[];
}

/** What grouping by each kind reads, as a data source has it. */
export interface ClvByInputs {
  /** Whether the data has basket lines. */
  readonly lines: boolean;
  readonly customers?: Dataset['customers'];
  /** The sessions' dimension column. */
  readonly dimension?: Column;
}

/** The `ClvByInputs` of an in-memory dataset. */
export function datasetInputs(dataset: Dataset): ClvByInputs {
  return { lines: dataset.lines !== undefined, customers: dataset.customers, dimension: dataset.sessions.columns.dimension };
}

/**
 * Checks that the data has what grouping by `by` reads: basket lines for product, a text
 * customers column for location / gender, a text sessions dimension for dimension.
 * @throws MissingInputError naming the missing input and how to provide it.
 */
export function requireClvByInputs(by: ClvByKind, inputs: ClvByInputs): void {
  if (by === 'product' && !inputs.lines) throw new MissingInputError(CLV_BY, 'basket lines', 'CLV by product splits each customer over the products of their basket lines');
  if (by === 'location' || by === 'gender') {
    if (!inputs.customers) throw new MissingInputError(CLV_BY, 'customers', `CLV by ${by} reads the customers table's ${by} column`);
    const column = inputs.customers.columns[by];
    if (!column || column.type !== 'string') throw new MissingInputError(CLV_BY, `customers.${by}`, `add a ${by} column (text) to the customers table`);
  }
  if (by === 'dimension') {
    const column = inputs.dimension;
    if (!column || column.type !== 'string') throw new MissingInputError(CLV_BY, 'sessions.dimension', 'map the retailer / store / channel column to dimension');
  }
}

/**
 * Per client code of `dataset`'s sessions, the code of its customers-row value of `column` (-1
 * when none or blank), and the column's dictionary. Needs a text customers column (see
 * `requireClvByInputs`).
 */
export function attributeCodes(dataset: Dataset, derived: DerivedColumns, column: 'location' | 'gender'): { codes: Int32Array; labels: readonly string[] } {
  const { codes: clientOfSession, cardinality } = derived.sessionClients();
  const customerOf = derived.sessionCustomers();
  const values = dataset.customers!.columns[column] as StringColumn;
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

/**
 * Each model row `i` with `take(i)` counted fully in group `codeOf(i)`; a negative code is the
 * null group (`missing: 'null'`, the last label) or leaves the customer out (`'skip'`, the
 * labels as given). `unitsPerOrder(i)`: the customer's past units per past order (0 without lines).
 */
export function groupByCodes(
  model: ClvFittedModel,
  predictions: Predictions,
  take: (i: number) => boolean,
  codeOf: (i: number) => number,
  labels: readonly string[],
  unitsPerOrder: (i: number) => number,
  missing: 'null' | 'skip',
): ClvGroups {
  const nullGroup = labels.length;
  const totals = new GroupTotals(labels.length + 1, model, predictions);
  for (let i = 0; i < model.summary.length; i++) {
    if (!take(i)) continue;
    const code = codeOf(i);
    if (code < 0 && missing === 'skip') continue;
    totals.add(code < 0 ? nullGroup : code, i, 1, unitsPerOrder(i));
  }
  return { totals, labels: missing === 'skip' ? labels : [...labels, null] };
}

/**
 * One customer's past activity per group, collected with `add` and split into a `GroupTotals`
 * with `flush`: each group's weight is its share of the customer's revenue, or of `basis`
 * (units for products, orders for dimensions) when the revenue is all zero.
 */
export class GroupShares {
  readonly #revenue: Float64Array;
  readonly #basis: Float64Array;
  readonly #units: Float64Array;
  readonly #seen: Uint8Array;
  readonly #touched: number[] = [];

  constructor(groups: number) {
    this.#revenue = new Float64Array(groups);
    this.#basis = new Float64Array(groups);
    this.#units = new Float64Array(groups);
    this.#seen = new Uint8Array(groups);
  }

  /** Adds revenue, weight basis and units of the current customer to group `code`. */
  add(code: number, revenue: number, basis: number, units: number): void {
    if (this.#seen[code] === 0) {
      this.#seen[code] = 1;
      this.#touched.push(code);
    }
    this.#revenue[code] += revenue;
    this.#basis[code] += basis;
    this.#units[code] += units;
  }

  /** Adds model row `i` to every group it touched with its share (units per its `orderCount` orders), and starts the next customer. */
  flush(totals: GroupTotals, i: number, orderCount: number): void {
    const touched = this.#touched;
    let sumRevenue = 0;
    let sumBasis = 0;
    for (const code of touched) {
      sumRevenue += this.#revenue[code];
      sumBasis += this.#basis[code];
    }
    for (const code of touched) {
      const w = sumRevenue > 0 ? this.#revenue[code] / sumRevenue : sumBasis > 0 ? this.#basis[code] / sumBasis : 0;
      if (w > 0) totals.add(code, i, w, this.#units[code] / orderCount);
      this.#revenue[code] = 0;
      this.#basis[code] = 0;
      this.#units[code] = 0;
      this.#seen[code] = 0;
    }
    touched.length = 0;
  }
}

/** What `clvByResult` reports besides the groups. */
export interface ClvByReport {
  readonly by: ClvByKind;
  readonly horizonDays: number;
  readonly discountRate: number;
  readonly limit: number;
  /** Whether the data has basket lines (the expectedUnits column). */
  readonly hasUnits: boolean;
  /** The selected customers (model rows reported). */
  readonly customers: number;
}

/**
 * The rows and meta of `clv_by`: segment rows in map order; other groups with customers by
 * expected revenue descending (null key last, ties by key), at most `limit`.
 */
export function clvByResult(model: ClvFittedModel, { totals, labels }: ClvGroups, report: ClvByReport): QueryResult {
  const rowOf = (g: number): Row => ({
    key: labels[g],
    customers: totals.customers[g],
    expectedRevenue: totals.expectedRevenue[g],
    expectedOrders: totals.expectedOrders[g],
    ...(report.hasUnits && { expectedUnits: totals.expectedUnits[g] }),
    churnProbability: totals.mean(totals.churn, g),
    recency: totals.mean(totals.recency, g),
    frequency: totals.mean(totals.frequency, g),
    monetary: totals.mean(totals.monetary, g),
    opportunity: totals.opportunity[g],
  });
  let order = labels.map((_, g) => g);
  if (report.by !== 'segment') {
    order = order.filter((g) => totals.customers[g] > 0);
    order.sort((a, b) => Number(labels[a] === null) - Number(labels[b] === null) || totals.expectedRevenue[b] - totals.expectedRevenue[a] || String(labels[a]).localeCompare(String(labels[b])));
  }
  return {
    rows: order.slice(0, report.limit).map(rowOf),
    meta: { by: report.by, asOf: model.asOf, horizonDays: report.horizonDays, discountRate: report.discountRate, atRisk: AT_RISK, customers: report.customers, truncated: order.length > report.limit, ...modelMeta(model) },
  };
}

/** The result of `clv_by` on data without session times. */
export function emptyClvByResult(by: ClvByKind, horizonDays: number): QueryResult {
  return { rows: [], meta: { by, asOf: null, horizonDays, atRisk: AT_RISK } };
}
