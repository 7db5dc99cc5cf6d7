import { sessionMask } from '@clvkit/core';
import { DAY_MS, readAsOf, resolveAsOf, readInstant, type AsOfParam } from '../../as-of.js';
import { allCustomerOrders, restrictCustomerOrders } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { percentDeviation } from '../../models/anomaly/same-weekday.js';
import { rfmValues } from '../../models/rfm/rfm-values.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, type AnomalyRow, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams } from './detector.js';

const NAME = 'clvrfm_anomaly';

/** Parameters of `clvrfm_anomaly`. */
export interface ClvRfmAnomalyParams extends AnomalyParams {
  readonly asOf: AsOfParam;
  /** Days between the earlier snapshot and the as-of (default 90). */
  readonly lookbackDays: number;
  /** Rows returned, highest score first (default 10 000). */
  readonly limit: number;
}

const FEATURES = ['recencyBefore', 'logFrequencyBefore', 'logMonetaryBefore', 'recency', 'logFrequency', 'logMonetary'] as const;

/**
 * `clvrfm_anomaly`: customers whose current RFM does not follow from their earlier RFM.
 *
 * Two RFM snapshots of every customer with an order by the earlier one (orders passing the
 * filter's non-date clauses; recency in days, frequency = orders, monetary = total revenue):
 * "before" at asOf − lookbackDays and "now" at asOf (default: the last session_start, or the
 * end of the filter's date range). Features: recency, ln(1 + frequency), ln(1 + monetary) of
 * both snapshots; the autoencoder learns how current RFM normally follows from earlier RFM, so
 * its reconstruction plays the prediction and a customer it reconstructs badly (score = RMS
 * error of the standardised features > median + k × 1.4826 × MAD) changed unusually: a loyal
 * customer who stopped, a dormant one who came back big. (The seed compares CLV-predicted RFM
 * with current RFM; until the CLV analyses publish per-customer predictions this uses the
 * customer's own earlier RFM as the baseline, and says so in meta.baseline.)
 * value = revenue in the window (monetary now − before); expected = the revenue of the window at
 * the customer's earlier pace, monetary before × lookbackDays / max(days from first order to
 * the earlier snapshot, lookbackDays); deviationPercent = 100 × (value − expected) / expected.
 * Training uses at most 10 000 customers (every k-th), every customer is scored.
 *
 * Rows, highest score first, at most `limit`: `{ key: client, value, expected, deviationPercent,
 * score, anomaly, features: { recencyBefore, logFrequencyBefore, ..., logMonetary } }`.
 * meta: `{ threshold, median, mad, sigma, k, epochs, finalLoss, layers, features, asOf, before,
 * lookbackDays, customers, anomalies, baseline: 'earlier-rfm' }`.
 */
export const clvrfmAnomaly = defineAnalysis<ClvRfmAnomalyParams>({
  name: NAME,
  description: 'Customers whose current RFM departs from what their earlier RFM suggests (autoencoder)',
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
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant(NAME, 'asOf', params.asOf, context.calendar));
    const baseMeta = { lookbackDays: params.lookbackDays, baseline: 'earlier-rfm' };
    if (!at) {
      const empty = await detectWithProgress(context, { rows: 0, cols: FEATURES.length, values: new Float64Array(0) }, params);
      return { rows: [], meta: { ...anomalyMeta(empty, params, FEATURES), ...baseMeta, asOf: null, before: null, customers: 0, anomalies: 0 } };
    }
    const all = allCustomerOrders(context.derived);
    const orders = period.rest.predicates.length === 0 ? all : restrictCustomerOrders(all, sessionMask(context.dataset, period.rest));
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const beforeAt = at.asOf - params.lookbackDays * DAY_MS;
    const now = rfmValues(orders, payment, at);
    const then = rfmValues(orders, payment, { asOf: beforeAt, before: Math.min(at.before, beforeAt + 1) });
    // Both are in ascending client-code order and `then` ⊆ `now`: walk them together.
    const cols = FEATURES.length;
    const values = new Float64Array(then.clients.length * cols);
    const nowIndex = new Int32Array(then.clients.length);
    for (let i = 0, j = 0; i < then.clients.length; i++) {
      while (now.clients[j] !== then.clients[i]) j++;
      nowIndex[i] = j;
      values.set(
        [then.recency[i], Math.log1p(then.frequency[i]), Math.log1p(then.monetary[i]), now.recency[j], Math.log1p(now.frequency[j]), Math.log1p(now.monetary[j])],
        i * cols,
      );
    }
    const matrix = { rows: then.clients.length, cols, values };
    const detection = await detectWithProgress(context, matrix, params);
    const order = Array.from({ length: matrix.rows }, (_, i) => i).sort((a, b) => detection.scores[b] - detection.scores[a] || a - b);
    const names = (context.dataset.sessions.columns.client as { dictionary: readonly string[] }).dictionary;
    const rows: AnomalyRow[] = [];
    for (const i of order.slice(0, params.limit)) {
      const j = nowIndex[i];
      const tenure = (beforeAt - then.firstOrder[i]) / DAY_MS;
      const expected = (then.monetary[i] * params.lookbackDays) / Math.max(tenure, params.lookbackDays);
      const value = now.monetary[j] - then.monetary[i];
      rows.push({
        key: names[then.clients[i]],
        value,
        expected,
        deviationPercent: percentDeviation(value, expected),
        score: detection.scores[i],
        anomaly: detection.anomalies[i] === 1,
        features: featureRecord(matrix, i, FEATURES),
      });
    }
    let anomalies = 0;
    for (const a of detection.anomalies) anomalies += a;
    return {
      rows: asRows(rows),
      meta: { ...anomalyMeta(detection, params, FEATURES), ...baseMeta, asOf: at.asOf, before: beforeAt, customers: matrix.rows, anomalies },
    };
  },
});
