import type { Row, TimeUnit } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { bucketIndexOf, bucketsOver } from './bucket-bounds.js';
import { customerFunnelPeriod } from './customer-event-period.js';
import { customerFunnel } from './customer-funnel-steps.js';
import { pushFunnelRows } from './funnel-rows.js';

/**
 * The customer funnel by event date (`daily_funnel_downloads`, `weekly_funnel_downloads`,
 * `monthly_funnel_downloads`), as in the seed: for every calendar bucket overlapping the
 * period, in time order, zeros included, one row per step
 * `{ bucket, step, stepIndex, count, conversionFromPrevious, conversionFromFirst }` where
 * count = selected customers whose step (download, signup, first session, first purchase, then
 * the customer action dates) happened in the bucket. These are different customers per step
 * (a download today, a first purchase of last week's download today), so the conversions are
 * ratios of the bucket's counts, not of one cohort's (see `customer_funnel_cohort` for that).
 * Selected customers: see `customerSelection` (customers predicates on the customers table,
 * other predicates: customers with a session passing them; first session / first purchase are
 * the earliest passing the filter). The period (the filter's interval on session_start, else
 * the data range widened to every step time) dates the steps; it does not pick customers.
 * meta: `{ unit, period, steps, fields }`. Needs customers.
 */
export function customerFunnelOverTime(name: string, unit: TimeUnit): AnalysisDefinition<Record<string, never>> {
  return defineAnalysis({
    name,
    description: `Customers reaching each customer funnel step (download, signup, first session, first purchase, actions) per ${unit}`,
    tables: ['customers'],
    params: (raw) => {
      new ParamReader(name, raw, []);
      return {};
    },
    run(context) {
      const period = customerFunnelPeriod(context);
      const funnel = customerFunnel(context, period.rest);
      const range = period.range(funnel.times);
      const { steps, fields } = funnel;
      const meta = { unit, period: range, steps, fields };
      if (!range) return { rows: [], meta };
      const buckets = bucketsOver(context.calendar, unit, range);
      const width = steps.length;
      const counts = new Float64Array(buckets.count * width);
      for (let s = 0; s < width; s++) {
        const times = funnel.times[s];
        for (let r = 0; r < times.length; r++) {
          const t = times[r];
          if (t !== t || t < range[0] || t >= range[1]) continue;
          const k = bucketIndexOf(buckets, t);
          if (k >= 0) counts[k * width + s]++;
        }
      }
      const rows: Row[] = [];
      for (let k = 0; k < buckets.count; k++) pushFunnelRows(rows, { bucket: buckets.bounds[k] }, steps, counts, k * width);
      return { rows, meta };
    },
  });
}
