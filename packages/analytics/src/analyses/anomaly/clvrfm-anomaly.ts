import type { QueryResult } from '@clvkit/core';
import { DAY_MS, readAsOf, type AsOfParam } from '../../as-of.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { sessionDays } from '../../models/clv/summary.js';
import { percentDeviation } from '../../models/anomaly/same-weekday.js';
import { clvModel, type ClvFittedModel } from '../clv/fitted-model.js';
import { modelMeta } from '../clv/params.js';
import { predictionsOf, type Predictions } from '../clv/predictions.js';
import { clvScope, fitOrders, selectedClients } from '../clv/scope.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams, type AnomalyProgress, type AnomalyRow } from './detector.js';

const NAME = 'clvrfm_anomaly';

/** Parameters of `clvrfm_anomaly`. */
export interface ClvRfmAnomalyParams extends AnomalyParams {
  readonly asOf: AsOfParam;
  /** Days between the CLV model's as-of and the analysis's as-of: the window predicted (default 90). */
  readonly lookbackDays: number;
  /** Rows returned, highest score first (default 10 000). */
  readonly limit: number;
}

const FEATURES = ['recency', 'pAlive', 'predictedOrders', 'actualOrders', 'logPredictedRevenue', 'logActualRevenue'] as const;

/**
 * `clvrfm_anomaly`: customers whose recent RFM departs from what the CLV model predicted.
 *
 * The CLV model of the clv analyses (BG/NBD + Gamma-Gamma, days; same order clauses of the
 * filter, see clv/scope.ts) is fitted as of `before` = asOf − lookbackDays (asOf: the param, else
 * the end of the filter's date range, else the last session_start) and predicts, for each of its
 * customers (an order by `before`), the window (before, asOf]: predictedOrders = E[Y(lookbackDays)
 * | x, t_x, T] (transactions: order days) and predicted revenue = predictedOrders × Gamma-Gamma
 * E[M]. What happened in the window: actualOrders = days with an order, actual revenue = their
 * Σ payment_amount; recency = days from the last order to asOf; pAlive = P(alive) at `before`.
 * Features: recency, pAlive, predictedOrders, actualOrders, ln(1 + predicted revenue),
 * ln(1 + actual revenue) — the predicted and the current change of frequency and monetary value.
 * The autoencoder (standardised features; score = RMS reconstruction error; anomaly = score >
 * median + k × 1.4826 × MAD) learns how the actual change normally relates to the prediction,
 * so a customer it reconstructs badly behaved unlike their prediction: a loyal customer who
 * stopped, a dormant one who came back big. Training uses at most 10 000 customers (every k-th),
 * every customer is scored; the filter's customer clauses (client, rfm_segment, customers-table
 * attributes) choose the customers reported, not the ones trained on.
 * value = actual revenue in the window; expected = predicted revenue; deviationPercent =
 * 100 × (value − expected) / expected.
 *
 * Rows, highest score first (ties by client id; the detector trains on the customers in client-id order), at most `limit`: `{ key: client, value, expected, deviationPercent,
 * score, anomaly, features: { recency, pAlive, predictedOrders, actualOrders,
 * logPredictedRevenue, logActualRevenue } }`. meta: `{ threshold, median, mad, sigma, k,
 * epochs, finalLoss, layers, features, asOf, before, lookbackDays, customers, anomalies,
 * truncated, bgnbd, gammaGamma }`. Long: the CLV fit's progress, then 'Training autoencoder'.
 * @throws ClvFitError when the CLV model cannot be fitted at `before` (e.g. no repeat buyers).
 */
export const clvrfmAnomaly = defineAnalysis<ClvRfmAnomalyParams>({
  name: NAME,
  description: 'Customers whose orders and revenue of the last weeks depart from their CLV prediction (autoencoder)',
  long: true,
  params: (raw) => {
    const read = new ParamReader(NAME, raw, [...ANOMALY_PARAM_NAMES, 'asOf', 'lookbackDays', 'limit']);
    return {
      ...readAnomalyParams(NAME, raw, read),
      asOf: readAsOf(NAME, raw),
      lookbackDays: read.integer('lookbackDays', 1, 3660, 90),
      limit: read.integer('limit', 1, 10_000_000, 10_000),
    };
  },
  async run(context, params) {
    const now = clvScope(context, NAME, params.asOf);
    if (!now) return emptyClvRfmResult(params, context);
    const before = now.at.asOf - params.lookbackDays * DAY_MS;
    const then = clvScope(context, NAME, before)!;
    const model = await clvModel(context, then);
    const predictions = await predictionsOf(context, model, params.lookbackDays, 0);
    // What happened in (before, asOf]: order days and revenue, and the last order by asOf.
    const orders = fitOrders(context, now);
    const day = sessionDays(context.dataset);
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const { summary } = model;
    const n = summary.length;
    const recency = new Float64Array(n);
    const actualOrders = new Float64Array(n);
    const actualRevenue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = summary.client[i];
      let orderDays = 0;
      let revenue = 0;
      let previousDay = Number.NaN;
      for (let k = orders.starts[c]; k < orders.starts[c + 1]; k++) {
        const row = orders.rows[k];
        if (!(orders.start[row] > before)) continue;
        if (day[row] !== previousDay) orderDays++;
        previousDay = day[row];
        const p = payment[row];
        if (p === p) revenue += p;
      }
      actualOrders[i] = orderDays;
      actualRevenue[i] = revenue;
      recency[i] = (now.at.asOf - orders.start[orders.rows[orders.starts[c + 1] - 1]]) / DAY_MS;
    }
    const selected = selectedClients(context, now);
    const names = (context.dataset.sessions.columns.client as { dictionary: readonly string[] }).dictionary;
    return clvRfmResult(
      { clients: Array.from(summary.client, (c) => names[c]), recency, actualOrders, actualRevenue, selected: selected ? Uint8Array.from(summary.client, (c) => selected[c]) : null },
      model,
      predictions,
      { params, asOf: now.at.asOf, before },
      context,
    );
  },
});

/** What happened to each customer of the CLV model (index i = model row i) in the window (before, asOf]. */
export interface ClvRfmWindow {
  readonly clients: readonly string[];
  /** Days from the last order by asOf to asOf. */
  readonly recency: Float64Array;
  /** Order days (transactions) in the window. */
  readonly actualOrders: Float64Array;
  /** Σ payment_amount in the window. */
  readonly actualRevenue: Float64Array;
  /** 1 for the customers reported (the filter's customer clauses); null: everyone. */
  readonly selected: Uint8Array | null;
}

/**
 * The rows and meta of `clvrfm_anomaly` from the model fitted at `before`, its predictions of
 * the window and what happened in it, however those were computed (the order log in memory,
 * per-customer summaries on a remote source): the features, the detector, the selected
 * customers by score (see `clvrfmAnomaly`).
 */
export async function clvRfmResult(window: ClvRfmWindow, model: ClvFittedModel, predictions: Predictions, at: { readonly params: ClvRfmAnomalyParams; readonly asOf: number; readonly before: number }, progress: AnomalyProgress): Promise<QueryResult> {
  const { params } = at;
  const n = window.clients.length;
  const cols = FEATURES.length;
  // Matrix row m is customer byClient[m]: in client-id order, so the training (its batches,
  // its every-k-th sample) does not depend on the order the source listed the customers in.
  const byClient = Array.from({ length: n }, (_, i) => i).sort((a, b) => (window.clients[a] < window.clients[b] ? -1 : window.clients[a] > window.clients[b] ? 1 : a - b));
  const values = new Float64Array(n * cols);
  byClient.forEach((i, m) => {
    values.set(
      [window.recency[i], predictions.pAlive[i], predictions.expectedOrders[i], window.actualOrders[i], Math.log1p(predictions.expectedRevenue[i]), Math.log1p(window.actualRevenue[i])],
      m * cols,
    );
  });
  const matrix = { rows: n, cols, values };
  const detection = await detectWithProgress(progress, matrix, params);
  const order: number[] = [];
  for (let m = 0; m < n; m++) if (!window.selected || window.selected[byClient[m]]) order.push(m);
  order.sort((a, b) => detection.scores[b] - detection.scores[a] || a - b);
  let anomalies = 0;
  for (const m of order) anomalies += detection.anomalies[m];
  const rows: AnomalyRow[] = order.slice(0, params.limit).map((m) => {
    const i = byClient[m];
    return {
      key: window.clients[i],
      value: window.actualRevenue[i],
      expected: predictions.expectedRevenue[i],
      deviationPercent: percentDeviation(window.actualRevenue[i], predictions.expectedRevenue[i]),
      score: detection.scores[m],
      anomaly: detection.anomalies[m] === 1,
      features: featureRecord(matrix, m, FEATURES),
    };
  });
  return {
    rows: asRows(rows),
    meta: {
      ...anomalyMeta(detection, params, FEATURES),
      lookbackDays: params.lookbackDays,
      asOf: at.asOf,
      before: at.before,
      customers: order.length,
      anomalies,
      truncated: order.length > params.limit,
      ...modelMeta(model),
    },
  };
}

/** The result of `clvrfm_anomaly` without session times (nothing to fit). */
export async function emptyClvRfmResult(params: ClvRfmAnomalyParams, progress: AnomalyProgress): Promise<QueryResult> {
  const empty = await detectWithProgress(progress, { rows: 0, cols: FEATURES.length, values: new Float64Array(0) }, params);
  return { rows: [], meta: { ...anomalyMeta(empty, params, FEATURES), lookbackDays: params.lookbackDays, asOf: null, before: null, customers: 0, anomalies: 0, truncated: false } };
}
