import { MissingInputError, type QueryResult } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { sameWeekdayExpected } from '../../models/anomaly/same-weekday.js';
import { shrunkRatio } from '../../models/anomaly/shrink.js';
import { sessionFunnelCounts, sessionFunnelSteps } from '../stats/session-funnel-steps.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, type AnomalyProgress, type AnomalyRow, dayRow, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams } from './detector.js';
import { dailyScope, dayInRange, scopeDays, type SeriesDays } from './daily-series.js';
import { SAME_WEEKDAY_WEEKS } from './dorders-anomaly.js';

const NAME = 'dfunnel_anomaly';

/** Pseudo-sessions at the overall ratio added to every day's step ratios (see `shrunkRatio`). */
export const PRIOR_TRIALS = 10;

/**
 * `dfunnel_anomaly`: anomalous days of the session funnel.
 *
 * Steps as in `daily_funnel`: `session`, the host actions of `dataset.sessionActions` in order,
 * `purchase`. For every local day with at least one session (counted under the filter's
 * non-date clauses), the features are the step-to-step conversion ratios
 * count(step s) / count(step s − 1) for s = 1 .. last, named `<previous>_to_<step>`, each shrunk
 * toward the ratio over all days as if 10 more sessions had gone at that ratio:
 * (count(s) + 10 × overall) / (count(s − 1) + 10), so days with 3 sessions do not swing between
 * 0 and 1 (a broken checkout, 2 purchases of 33 order screens against 85 %, stays far off:
 * (2 + 8.5) / 43 = 0.24). value = the day's raw conversion purchases / sessions;
 * expected = the median of that conversion on the same weekday of the previous 4 weeks (null
 * without 4 such days that had sessions); deviationPercent = 100 × (value − expected) / expected.
 * Every day with sessions trains the detector (standardised ratios, autoencoder, score = RMS
 * reconstruction error, anomaly = score > median + k × 1.4826 × MAD); the rows are those days
 * overlapping the period.
 *
 * Needs a purchase flag (not an order log) and at least one host action column: with the
 * session → purchase ratio alone there is nothing for an autoencoder to relate (use
 * `dorders_anomaly`).
 *
 * Rows, by day: `{ key: 'YYYY-MM-DD', day, value, expected, deviationPercent, score, anomaly,
 * features: { session_to_<action>: shrunk ratio, ... } }`.
 * meta: `{ threshold, median, mad, sigma, k, epochs, finalLoss, layers, features, steps, period }`.
 */
export const dfunnelAnomaly = defineAnalysis<AnomalyParams>({
  name: NAME,
  description: 'Anomalous days of the session funnel (step-to-step conversion ratios, autoencoder)',
  long: true,
  params: (raw) => readAnomalyParams(NAME, raw, new ParamReader(NAME, raw, ANOMALY_PARAM_NAMES)),
  async run(context, params) {
    const { dataset, derived, calendar } = context;
    if (dataset.ordersOnly) throw new MissingInputError(NAME, 'sessions.has_purchased', 'a funnel needs sessions with and without a purchase, not an order log');
    const { steps } = sessionFunnelSteps(derived);
    requireFunnelActions(steps);
    const scope = dailyScope(context);
    const counts = sessionFunnelCounts(derived, scope.days.codes, scope.days.count, scope.mask);
    return funnelAnomaly(scopeDays(scope, (at) => calendar.isoDate(at)), steps, counts, params, context);
  },
});

/**
 * The rows and meta of `dfunnel_anomaly` from the funnel counts per day (`counts[d × steps +
 * s]`: sessions of day d of `days` at step s, the whole history under the filter's non-date
 * clauses), however they were counted: the shrunk step ratios, the detector and the rows of
 * the days with sessions in the period (see `dfunnelAnomaly`).
 */
export async function funnelAnomaly(days: SeriesDays, steps: readonly string[], counts: Float64Array, params: AnomalyParams, progress: AnomalyProgress): Promise<QueryResult> {
  const width = steps.length;
  const names = steps.slice(1).map((step, s) => `${steps[s]}_to_${step}`);
  const cols = names.length;
  const dayOfRow: number[] = [];
  const conversion = new Float64Array(days.count).fill(Number.NaN);
  for (let d = 0; d < days.count; d++) {
    const sessions = counts[d * width];
    if (sessions === 0) continue;
    conversion[d] = counts[d * width + width - 1] / sessions;
    dayOfRow.push(d);
  }
  // Overall step ratios over all days, toward which small days are shrunk.
  const totals = new Float64Array(width);
  for (const d of dayOfRow) for (let s = 0; s < width; s++) totals[s] += counts[d * width + s];
  const values = new Float64Array(dayOfRow.length * cols);
  dayOfRow.forEach((d, r) => {
    for (let s = 1; s < width; s++) {
      const overall = totals[s - 1] > 0 ? totals[s] / totals[s - 1] : 0;
      values[r * cols + s - 1] = shrunkRatio(counts[d * width + s], counts[d * width + s - 1], overall, PRIOR_TRIALS);
    }
  });
  const matrix = { rows: dayOfRow.length, cols, values };
  const detection = await detectWithProgress(progress, matrix, params);
  const rows: AnomalyRow[] = [];
  dayOfRow.forEach((d, r) => {
    if (!dayInRange(days.bounds, d, days.range)) return;
    const expected = sameWeekdayExpected(conversion, d, SAME_WEEKDAY_WEEKS);
    rows.push(dayRow(days.isoDate(days.bounds[d]), days.bounds[d], conversion[d], expected, detection, r, featureRecord(matrix, r, names)));
  });
  return { rows: asRows(rows), meta: { ...anomalyMeta(detection, params, names), steps: [...steps], period: days.range } };
}

/** The funnel steps' check of `dfunnel_anomaly`: at least one host action between session and purchase. */
export function requireFunnelActions(steps: readonly string[]): void {
  if (steps.length < 3) throw new MissingInputError(NAME, 'session action columns', 'map at least one host action (e.g. add_to_cart) of the sessions table');
}
