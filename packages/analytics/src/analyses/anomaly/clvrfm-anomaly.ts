import { DAY_MS, readAsOf, type AsOfParam } from '../../as-of.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { sessionDays } from '../../models/clv/summary.js';
import { percentDeviation } from '../../models/anomaly/same-weekday.js';
import { clvModel } from '../clv/fitted-model.js';
import { modelMeta } from '../clv/params.js';
import { predictionsOf } from '../clv/predictions.js';
import { clvScope, fitOrders, selectedClients } from '../clv/scope.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams, type AnomalyRow } from './detector.js';

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
 * Rows, highest score first, at most `limit`: `{ key: client, value, expected, deviationPercent,
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
    const baseMeta = { lookbackDays: params.lookbackDays };
    if (!now) {
      const empty = await detectWithProgress(context, { rows: 0, cols: FEATURES.length, values: new Float64Array(0) }, params);
      return { rows: [], meta: { ...anomalyMeta(empty, params, FEATURES), ...baseMeta, asOf: null, before: null, customers: 0, anomalies: 0, truncated: false } };
    }
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
    const cols = FEATURES.length;
    const values = new Float64Array(n * cols);
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
      actualRevenue[i] = revenue;
      const last = orders.start[orders.rows[orders.starts[c + 1] - 1]];
      values.set(
        [(now.at.asOf - last) / DAY_MS, predictions.pAlive[i], predictions.expectedOrders[i], orderDays, Math.log1p(predictions.expectedRevenue[i]), Math.log1p(revenue)],
        i * cols,
      );
    }
    const matrix = { rows: n, cols, values };
    const detection = await detectWithProgress(context, matrix, params);
    const selected = selectedClients(context, now);
    const names = (context.dataset.sessions.columns.client as { dictionary: readonly string[] }).dictionary;
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (!selected || selected[summary.client[i]]) order.push(i);
    order.sort((a, b) => detection.scores[b] - detection.scores[a] || a - b);
    let anomalies = 0;
    for (const i of order) anomalies += detection.anomalies[i];
    const rows: AnomalyRow[] = order.slice(0, params.limit).map((i) => ({
      key: names[summary.client[i]],
      value: actualRevenue[i],
      expected: predictions.expectedRevenue[i],
      deviationPercent: percentDeviation(actualRevenue[i], predictions.expectedRevenue[i]),
      score: detection.scores[i],
      anomaly: detection.anomalies[i] === 1,
      features: featureRecord(matrix, i, FEATURES),
    }));
    return {
      rows: asRows(rows),
      meta: {
        ...anomalyMeta(detection, params, FEATURES),
        ...baseMeta,
        asOf: now.at.asOf,
        before,
        customers: order.length,
        anomalies,
        truncated: order.length > params.limit,
        ...modelMeta(model),
      },
    };
  },
});
