import { MissingInputError } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { dataRange } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { sameWeekdayExpected } from '../../models/anomaly/same-weekday.js';
import { shrunkRatio } from '../../models/anomaly/shrink.js';
import { cohortScope, customersPassing } from '../cohorts/cohort-scope.js';
import { ANOMALY_PARAM_NAMES, anomalyMeta, asRows, type AnomalyRow, dayRow, detectWithProgress, featureRecord, readAnomalyParams, type AnomalyParams } from './detector.js';
import { SAME_WEEKDAY_WEEKS } from './dorders-anomaly.js';

const NAME = 'dcohort_anomaly';

/** Pseudo-customers at the overall shares added to every cohort (see `shrunkRatio`). */
export const PRIOR_CUSTOMERS = 10;

/** Days after the download with their own column (0 .. 6: the first 7 columns). */
export const COHORT_COLUMNS = 7;

/**
 * `dcohort_anomaly`: anomalous download days of the download -> 1st order cohort.
 *
 * Cohort = the customers (customers table, passing the filter's customer clauses) whose
 * download_date falls on a local day. Their first order is their first order passing the
 * filter's non-date clauses (as in `daily_cohort_downloads`). The cohort table's first 7
 * columns count the customers whose first order came k = 0 .. 6 calendar days after the
 * download day (a first order before the download is in no column). Features, as cumulative
 * shares: within_k = customers with a first order within k days / cohort size, shrunk toward
 * the same share over all scored cohorts as if 10 more customers had behaved like the average,
 * (Σ_{i ≤ k} count_i + 10 × overall within_k) / (size + 10). Cumulative, because with a few
 * downloads a day one customer landing in a rare column (4 days: 4 % of customers) would
 * otherwise make a spike as large as a real anomaly; on the sample shop (3 downloads a day)
 * per-column shares flagged 7 % of the days, cumulative ones 0.3 %. Only cohorts with at least
 * one customer and whose 7 days all lie inside the data (download day + 7 ≤ the end of the
 * last session's day) are scored: younger ones have not had the time to order.
 * value = the raw share ordering within 7 days (Σ count_k / size); expected = the median of that value on
 * the same weekday of the previous 4 weeks (null without 4 scored cohorts there);
 * deviationPercent = 100 × (value − expected) / expected. All scored cohorts train the detector
 * (standardised shares, autoencoder, score = RMS reconstruction error, anomaly = score >
 * median + k × 1.4826 × MAD); the rows are the cohorts whose day overlaps the period.
 *
 * Rows, by cohort: `{ key: 'YYYY-MM-DD' (download day), day, value, expected, deviationPercent,
 * score, anomaly, features: { within_0 .. within_6 (shrunk), customers } }` (`customers` = cohort size,
 * reported, not a feature). meta: `{ threshold, median, mad, sigma, k, epochs, finalLoss,
 * layers, features, columns: 7, period }`.
 */
export const dcohortAnomaly = defineAnalysis<AnomalyParams>({
  name: NAME,
  description: 'Anomalous download days of the download -> 1st order cohort (first 7 days as cumulative shares, autoencoder)',
  tables: ['customers'],
  long: true,
  params: (raw) => readAnomalyParams(NAME, raw, new ParamReader(NAME, raw, ANOMALY_PARAM_NAMES)),
  async run(context, params) {
    const { dataset, derived, calendar } = context;
    const customers = dataset.customers!;
    const download = customers.columns.download_date;
    if (!download || download.type !== 'time') throw new MissingInputError(NAME, 'customers.download_date', 'map the date of first contact (download or sign-up) of the customers table');
    const scope = cohortScope(context);
    const index = derived.buckets('customers', 'download_date', 'day');
    const end = dataRange(context)?.[1] ?? -Infinity;
    // Each customer row's first order among the orders passing the non-date clauses.
    const firstOrder = new Float64Array(customers.length).fill(Number.NaN);
    const customerOf = derived.sessionCustomers();
    const { rows: orderRows, starts, clients, start } = scope.sequences;
    for (let c = 0; c < clients; c++) {
      if (starts[c + 1] === starts[c]) continue;
      const order = orderRows[starts[c]];
      const r = customerOf[order];
      if (r >= 0 && !(start[order] >= firstOrder[r])) firstOrder[r] = start[order];
    }
    const passing = customersPassing(dataset, scope.period.rest);
    const sizes = new Float64Array(index.count);
    const cells = new Float64Array(index.count * COHORT_COLUMNS);
    for (let r = 0; r < customers.length; r++) {
      const b = index.codes[r];
      if (b < 0 || (passing && !passing[r])) continue;
      sizes[b]++;
      const first = firstOrder[r];
      if (Number.isNaN(first) || first < download.values[r]) continue;
      const k = calendar.diff(download.values[r], first, 'day');
      if (k < COHORT_COLUMNS) cells[b * COHORT_COLUMNS + k]++;
    }
    const cohortOfRow: number[] = [];
    const total = new Float64Array(index.count).fill(Number.NaN);
    for (let b = 0; b < index.count; b++) {
      if (sizes[b] === 0 || calendar.add(index.bounds[b], 'day', COHORT_COLUMNS) > end) continue;
      let sum = 0;
      for (let k = 0; k < COHORT_COLUMNS; k++) sum += cells[b * COHORT_COLUMNS + k];
      total[b] = sum / sizes[b];
      cohortOfRow.push(b);
    }
    const names = Array.from({ length: COHORT_COLUMNS }, (_, k) => `within_${k}`);
    // Overall share of each column over the scored cohorts, toward which small cohorts are shrunk.
    const overall = new Float64Array(COHORT_COLUMNS);
    let customersScored = 0;
    for (const b of cohortOfRow) {
      customersScored += sizes[b];
      for (let k = 0; k < COHORT_COLUMNS; k++) overall[k] += cells[b * COHORT_COLUMNS + k];
    }
    for (let k = 0; k < COHORT_COLUMNS; k++) overall[k] = customersScored > 0 ? overall[k] / customersScored : 0;
    const values = new Float64Array(cohortOfRow.length * COHORT_COLUMNS);
    cohortOfRow.forEach((b, r) => {
      let within = 0;
      let overallWithin = 0;
      for (let k = 0; k < COHORT_COLUMNS; k++) {
        within += cells[b * COHORT_COLUMNS + k];
        overallWithin += overall[k];
        values[r * COHORT_COLUMNS + k] = shrunkRatio(within, sizes[b], overallWithin, PRIOR_CUSTOMERS);
      }
    });
    const matrix = { rows: cohortOfRow.length, cols: COHORT_COLUMNS, values };
    const detection = await detectWithProgress(context, matrix, params);
    const range = scope.period.range;
    const out: AnomalyRow[] = [];
    cohortOfRow.forEach((b, r) => {
      if (!range || !(index.bounds[b] < range[1] && index.bounds[b + 1] > range[0])) return;
      const expected = sameWeekdayExpected(total, b, SAME_WEEKDAY_WEEKS);
      out.push(dayRow(calendar.isoDate(index.bounds[b]), index.bounds[b], total[b], expected, detection, r, { ...featureRecord(matrix, r, names), customers: sizes[b] }));
    });
    return { rows: asRows(out), meta: { ...anomalyMeta(detection, params, names), columns: COHORT_COLUMNS, period: range } };
  },
});
