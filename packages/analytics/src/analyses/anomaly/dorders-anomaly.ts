import type { QueryResult } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { anscombeDifference, sameWeekdayExpected } from '../../models/anomaly/same-weekday.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, type AnomalyProgress, type AnomalyRow, dayRow, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams } from './detector.js';
import { dailyOrders, dailyScope, dayInRange, scopeDays, type SeriesDays } from './daily-series.js';

/** Weeks of same-weekday history a day is compared with. */
export const SAME_WEEKDAY_WEEKS = 4;

const FEATURES = ['orders', 'expected', 'sqrtDifference'] as const;

/**
 * `dorders_anomaly`: daily orders against the same weekday of the previous 4 weeks.
 *
 * For every local day d with 4 weeks of history (orders counted under the filter's non-date
 * clauses): value = orders on d; expected = the median of the orders on d − 7, d − 14, d − 21,
 * d − 28 (the median, so one broken day does not disturb the four weeks after it);
 * deviationPercent = 100 × (value − expected) / expected (null when expected is 0).
 * Features of the autoencoder: orders, expected and sqrtDifference = 2(√(orders + 3/8) −
 * √(expected + 3/8)), the deviation on Anscombe's variance-stabilised scale (for Poisson counts
 * about one standard deviation per unit at any volume, so 4 orders against 0.5 on a shop's
 * first days does not look like a collapse). Lagged orders themselves are not features: a
 * broken day among them would make the next four same weekdays look anomalous too.
 * Every such day of the data trains the detector and sets the threshold (see `detectAnomalies`:
 * standardised features, autoencoder, score = RMS reconstruction error, anomaly = score >
 * median + k × 1.4826 × MAD); the rows are the days overlapping the period (the filter's
 * interval on session_start, else all).
 *
 * Rows, by day: `{ key: 'YYYY-MM-DD', day (epoch ms of the day start), value, expected,
 * deviationPercent, score, anomaly, features: { orders, expected, sqrtDifference } }`.
 * meta: `{ threshold, median, mad, sigma, k, epochs, finalLoss, layers, features, period, weeks }`.
 * Params: `{ epochs? = 30, seed? = 42, k? = 3.5 }`. Long: reports 'Training autoencoder' per epoch.
 */
export const dordersAnomaly = defineAnalysis<AnomalyParams>({
  name: 'dorders_anomaly',
  description: 'Anomalous days of daily orders against the same weekday of the previous 4 weeks (autoencoder)',
  long: true,
  params: (raw) => readAnomalyParams('dorders_anomaly', raw, new ParamReader('dorders_anomaly', raw, ANOMALY_PARAM_NAMES)),
  async run(context, params) {
    const scope = dailyScope(context);
    return ordersAnomaly(scopeDays(scope, (at) => context.calendar.isoDate(at)), dailyOrders(context, scope), params, context);
  },
});

/**
 * The rows and meta of `dorders_anomaly` from a daily orders series (orders[d] on day d of
 * `days`, the whole history under the filter's non-date clauses), however it was counted: the
 * features, the detector and the rows of the days in the period (see `dordersAnomaly`).
 */
export async function ordersAnomaly(days: SeriesDays, orders: Float64Array, params: AnomalyParams, progress: AnomalyProgress): Promise<QueryResult> {
  const first = 7 * SAME_WEEKDAY_WEEKS;
  const rows = Math.max(0, days.count - first);
  const cols = FEATURES.length;
  const values = new Float64Array(rows * cols);
  const expected = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const d = first + r;
    const e = sameWeekdayExpected(orders, d, SAME_WEEKDAY_WEEKS) as number;
    expected[r] = e;
    values.set([orders[d], e, anscombeDifference(orders[d], e)], r * cols);
  }
  const matrix = { rows, cols, values };
  const detection = await detectWithProgress(progress, matrix, params);
  const out: AnomalyRow[] = [];
  for (let r = 0; r < rows; r++) {
    const d = first + r;
    if (!dayInRange(days.bounds, d, days.range)) continue;
    out.push(dayRow(days.isoDate(days.bounds[d]), days.bounds[d], orders[d], expected[r], detection, r, featureRecord(matrix, r, FEATURES)));
  }
  return { rows: asRows(out), meta: { ...anomalyMeta(detection, params, FEATURES), period: days.range, weeks: SAME_WEEKDAY_WEEKS } };
}
