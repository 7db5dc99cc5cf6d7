import { MissingInputError, type Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { asOfInstant, readAsOf } from '../../as-of.js';
import { bucketIndexOf, bucketsOver } from './bucket-bounds.js';
import { customerFunnelPeriod } from './customer-event-period.js';
import { customerFunnel } from './customer-funnel-steps.js';
import { conversions } from './funnel-rows.js';

const DAY_MS = 86_400_000;

/**
 * `customer_funnel_cohort`: the customer funnel by download cohort. A cohort is the selected
 * customers whose download_date falls in one calendar bucket (`bucket`: day, week or month;
 * default week) of the period, downloads after `asOf` left out. A customer reached a step when
 * its time t exists and t <= download + windowDays × 24 h and t <= asOf (a step dated before
 * the download counts as reached). Steps: download, signup, first session, first purchase,
 * then the customer action dates (see `customerFunnel`).
 * For every bucket overlapping the period up to asOf, in time order, empty cohorts included,
 * one row per step `{ cohort, bucket, step, stepIndex, count, cohortSize, conversionFromPrevious,
 * conversionFromFirst, complete }`: cohort = 'YYYY-MM-DD' of the bucket start, bucket = its
 * epoch ms, count = cohort customers who reached the step, cohortSize = the cohort's customers
 * (= the download step's count), conversionFromFirst = count / cohortSize,
 * conversionFromPrevious = count / the previous step's count (null over 0; the download step
 * 1), complete = whether the window of the cohort's last possible download has closed by asOf
 * (bucket end + windowDays <= asOf); incomplete cohorts are still converting.
 * The period is the filter's interval on session_start, else the days of the selected
 * customers' downloads. meta: `{ unit, windowDays, asOf, period, steps, fields }`. Needs customers.
 */
export const customerFunnelCohort = defineAnalysis({
  name: 'customer_funnel_cohort',
  description: 'Of the customers who downloaded in a bucket, how many reached each funnel step within the conversion window',
  tables: ['customers'],
  params: (raw) => {
    const read = new ParamReader('customer_funnel_cohort', raw, ['bucket', 'windowDays', 'asOf']);
    return {
      unit: read.oneOf('bucket', ['day', 'week', 'month'] as const, 'week'),
      windowDays: read.integer('windowDays', 0, 3660, 14),
      asOf: readAsOf('customer_funnel_cohort', raw),
    };
  },
  run(context, { unit, windowDays, asOf: rawAsOf }) {
    const period = customerFunnelPeriod(context);
    const funnel = customerFunnel(context, period.rest);
    if (funnel.steps[0] !== 'download') throw new MissingInputError('customer_funnel_cohort', 'customers.download_date', 'map the first-contact date of every customer');
    const { steps, fields } = funnel;
    const asOf = asOfInstant(context, 'customer_funnel_cohort', rawAsOf);
    const range = period.range([funnel.times[0]], false);
    const meta = { unit, windowDays, asOf, period: range, steps, fields };
    if (!range || asOf === null) return { rows: [], meta };
    const buckets = bucketsOver(context.calendar, unit, [range[0], Math.min(range[1], asOf + 1)]);
    const width = steps.length;
    const counts = new Float64Array(buckets.count * width);
    const download = funnel.times[0];
    const windowMs = windowDays * DAY_MS;
    for (let r = 0; r < download.length; r++) {
      const d = download[r];
      if (d !== d || d < range[0] || d >= range[1] || d > asOf) continue;
      const k = bucketIndexOf(buckets, d);
      if (k < 0) continue;
      const limit = Math.min(d + windowMs, asOf);
      counts[k * width]++;
      for (let s = 1; s < width; s++) {
        const t = funnel.times[s][r];
        if (t <= limit) counts[k * width + s]++;
      }
    }
    const rows: Row[] = [];
    for (let k = 0; k < buckets.count; k++) {
      const bucket = buckets.bounds[k];
      const head = { cohort: context.calendar.isoDate(bucket), bucket };
      const cohortSize = counts[k * width];
      const complete = buckets.bounds[k + 1] + windowMs <= asOf;
      for (let s = 0; s < width; s++) {
        rows.push({ ...head, step: steps[s], stepIndex: s, count: counts[k * width + s], cohortSize, ...conversions(counts, k * width, s), complete });
      }
    }
    return { rows, meta };
  },
});
