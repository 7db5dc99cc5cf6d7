import { calendarFor, type Filter, type Predicate, type Row } from '@clvkit/core';
import { clientFeaturePredicted, predictedCustomerRow, sortPredictedRows } from '../analyses/clv/client-feature-predicted.js';
import { clvsegmentsAmount, segmentAmountRows } from '../analyses/clv/clvsegments-amount.js';
import type { ClvFittedModel } from '../analyses/clv/fitted-model.js';
import { GroupTotals } from '../analyses/clv/group-totals.js';
import { modelMeta } from '../analyses/clv/params.js';
import { predictionsOf, type Predictions } from '../analyses/clv/predictions.js';
import { throwIfAborted } from '../context.js';
import { bgNbdFitSteps } from '../models/clv/bgnbd.js';
import { gammaGammaFitSteps } from '../models/clv/gamma-gamma.js';
import { runStepsAsync } from '../models/clv/optimize.js';
import { localDay, type SummaryColumns } from '../models/clv/summary.js';
import { DEFAULT_SEED } from '../models/rfm/kmeans1d.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import type { AnalysisContext } from '../types.js';
import { summaryAsOf } from './as-of.js';
import { rfmFromSummaries } from './rfm.js';
import { defaultSegments, splitSegments } from './segments.js';
import type { CustomerSummaryRecord, SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * BG/NBD + Gamma-Gamma from per-customer summaries: the in-memory fits (`bgNbdFitSteps`,
 * `gammaGammaFitSteps`) and predictions (`predictionsOf`) on summary columns built from the
 * summary rows instead of the order log.
 *
 * In memory (models/clv/summary.ts) a transaction is a local calendar day with purchases:
 * x = purchase days − 1, t_x = last − first purchase day, T = as-of day − first purchase day,
 * monetary = the mean value of the repeat purchase days (the first day's purchases left out).
 * The summary rows give t_x and T exactly (from firstOrderAt / lastOrderAt in the calendar), but
 * not the number of purchase days or the first day's value, so here
 *   x = orders − 1 and monetary = (revenue − firstOrderRevenue) / (orders − 1),
 * equal to the in-memory values for every customer who never ordered twice on one local day
 * (tested), different for those who did (x counts each order; tested and documented). Exact
 * parity needs two more summary fields: `purchaseDays` (distinct local days with an order) and
 * `firstDayRevenue` (Σ payment of the orders of the first purchase day).
 */
export interface SummaryClvModel {
  readonly model: ClvFittedModel;
  /** Row i of the model: the customer. */
  readonly rows: readonly CustomerSummaryRecord[];
  /** Per row, 1 when the filter's client clauses select the customer. */
  readonly selected: Uint8Array;
}

const CLIENT_FIELDS = new Set(['client', 'sessions.client', 'customers.client']);

/** The summary columns of the model (unit day) from rows cut at the as-of instant. */
export function clvColumns(rows: readonly CustomerSummaryRecord[], asOf: number, env: Pick<SummaryEnv, 'time'>): SummaryColumns {
  const calendar = calendarFor(env.time);
  const endDay = localDay(calendar, asOf);
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const firstDay = new Int32Array(n);
  rows.forEach((row, i) => {
    const first = localDay(calendar, row.firstOrderAt as number);
    const last = localDay(calendar, row.lastOrderAt as number);
    x[i] = row.orders - 1;
    tx[i] = last - first;
    T[i] = endDay - first;
    monetary[i] = row.orders > 1 ? (row.revenue - (row.firstOrderRevenue ?? 0)) / (row.orders - 1) : 0;
    firstDay[i] = first;
  });
  return { length: n, client: Int32Array.from(rows, (_, i) => i), x, tx, T, monetary, firstDay, endDay, unit: 'day' };
}

/**
 * Fits the model of a CLV request from summaries: the orders of the filter's non-client clauses
 * up to the as-of instant (as `clvScope` / `fitOrders`), client clauses (`in` on client) only
 * selecting the customers reported. Null without session times.
 * `rfm_segment` clauses select customers too (by their default segment).
 * @throws ClvFitError when the model cannot be fitted.
 */
export async function summaryClvModel(analysis: string, filter: Filter, asOfParam: unknown, env: SummaryEnv): Promise<SummaryClvModel | null> {
  // Segment clauses select customers (as client clauses do), never the orders of the fit.
  const { rest: withoutSegments, segments } = splitSegments(analysis, filter);
  const isAnd = withoutSegments.mode === 'and' || withoutSegments.predicates.length === 1;
  const customerClauses = isAnd ? withoutSegments.predicates.filter(isClientClause) : [];
  const fitFilter: Filter = { mode: withoutSegments.mode, predicates: withoutSegments.predicates.filter((p) => !customerClauses.includes(p)) };
  const { at, summariesFilter } = summaryAsOf(analysis, fitFilter, asOfParam, env);
  if (!at) return null;
  const rows = (await env.summaries(summariesFilter)).filter((row) => row.orders > 0 && row.firstOrderAt !== null && row.lastOrderAt !== null);
  const summary = clvColumns(rows, at.asOf, env);
  const pause = async () => {
    if (env.signal) throwIfAborted(env.signal);
  };
  const bgnbd = await runStepsAsync(bgNbdFitSteps(summary), pause);
  const gammaGamma = await runStepsAsync(gammaGammaFitSteps(summary), pause);
  const model = {
    asOf: at.asOf,
    endDay: summary.endDay,
    summary,
    orderCount: Float64Array.from(rows, (row) => row.orders),
    revenue: Float64Array.from(rows, (row) => row.revenue),
    lastOrder: Float64Array.from(rows, (row) => row.lastOrderAt as number),
    rowOfClient: Int32Array.from(rows, (_, i) => i),
    bgnbd,
    gammaGamma,
    predictions: new Map<string, unknown>(),
  } as unknown as ClvFittedModel; // `orders` and `acquisition` (the order log) are not read by these analyses
  const selected = new Uint8Array(rows.length).fill(1);
  for (const clause of customerClauses) rows.forEach((row, i) => (selected[i] &= passes(clause, row.client) ? 1 : 0));
  if (segments.length > 0) {
    const of = await defaultSegments(env);
    rows.forEach((row, i) => (selected[i] &= segments.every((wanted) => wanted.has(of.get(row.client) ?? '')) ? 1 : 0));
  }
  return { model, rows, selected };
}

/** `predictionsOf` of the in-memory analyses (it reads only the model and a checkpoint). */
function predict(model: ClvFittedModel, horizonDays: number, discountRate: number, env: SummaryEnv): Promise<Predictions> {
  const context = { checkpoint: async () => (env.signal ? throwIfAborted(env.signal) : undefined) } as unknown as AnalysisContext;
  return predictionsOf(context, model, horizonDays, discountRate);
}

/** Segment code per model row: the rfm analyses' default scoring at the same as-of over the same orders. */
function segmentsOf(fit: SummaryClvModel): Uint8Array {
  return rfmFromSummaries(fit.rows, fit.model.asOf, { method: 'kmeans', monetary: 'total', seed: DEFAULT_SEED }).segment;
}

/** True for a clause that selects customers by client id (`in` on client, or an `and` of such clauses), not orders. */
export function isClientClause(p: Predicate): boolean {
  if (p.type === 'and') return p.predicates.length > 0 && p.predicates.every(isClientClause);
  return CLIENT_FIELDS.has(p.field) && p.type === 'in';
}

function passes(p: Predicate, client: string): boolean {
  if (p.type === 'and') return p.predicates.every((q) => passes(q, client));
  return p.type === 'in' && p.values.some((v) => String(v) === client);
}

/**
 * `client_feature_predicted` from summaries: the registry's rows, sort and meta over the
 * summary model (see `SummaryClvModel` for x and monetary).
 */
export const clientFeaturePredictedSummary: SummaryAnalysis = {
  name: 'client_feature_predicted',
  async run(request, env) {
    const params = clientFeaturePredicted.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const fit = await summaryClvModel('client_feature_predicted', request.filter, params.asOf, env);
    if (!fit) return { rows: [], meta: { asOf: null, horizonDays: params.horizonDays, discountRate: params.discountRate, customers: 0, truncated: false } };
    const { model, rows: customers, selected } = fit;
    const predictions = await predict(model, params.horizonDays, params.discountRate, env);
    const segments = segmentsOf(fit);
    const { summary } = model;
    const rows: Row[] = [];
    for (let i = 0; i < summary.length; i++) {
      if (!selected[i]) continue;
      rows.push(predictedCustomerRow(model, predictions, i, customers[i].client, SEGMENTS[segments[i]]));
    }
    sortPredictedRows(rows, params.sort);
    let count = 0;
    for (const s of selected) count += s;
    return {
      rows: rows.slice(0, params.limit),
      meta: { asOf: model.asOf, horizonDays: params.horizonDays, discountRate: params.discountRate, customers: count, truncated: rows.length > params.limit, ...modelMeta(model) },
    };
  },
};

/** `clvsegments_amount` from summaries: the registry's 11 segment rows and meta over the summary model. */
export const clvsegmentsAmountSummary: SummaryAnalysis = {
  name: 'clvsegments_amount',
  async run(request, env) {
    const params = clvsegmentsAmount.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const empty = (g: number): Row => ({ segment: SEGMENTS[g], customers: 0, expectedRevenue: 0, expectedOrders: 0, clv: 0, churnProbability: null, share: null });
    const fit = await summaryClvModel('clvsegments_amount', request.filter, params.asOf, env);
    if (!fit) return { rows: SEGMENTS.map((_, g) => empty(g)), meta: { asOf: null, horizonDays: params.horizonDays, segments: [...SEGMENTS] } };
    const { model, selected } = fit;
    const predictions = await predict(model, params.horizonDays, params.discountRate, env);
    const segments = segmentsOf(fit);
    const totals = new GroupTotals(SEGMENTS.length, model, predictions);
    for (let i = 0; i < model.summary.length; i++) if (selected[i]) totals.add(segments[i], i, 1, 0);
    const { rows, revenue, customers } = segmentAmountRows(totals);
    return {
      rows,
      meta: { asOf: model.asOf, horizonDays: params.horizonDays, discountRate: params.discountRate, customers, expectedRevenue: revenue, segments: [...SEGMENTS], ...modelMeta(model) },
    };
  },
};
