import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { daysIn } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { customerFunnelPeriod } from './customer-event-period.js';
import { customerFunnel } from './customer-funnel-steps.js';
import { pushFunnelRows } from './funnel-rows.js';

/**
 * `hourly_funnel_downloads`: for each local hour of day h = 0..23 and each customer funnel
 * step (download, signup, first session, first purchase, then the customer action dates), one
 * row `{ hour, step, stepIndex, count, conversionFromPrevious, conversionFromFirst }` where
 * count = (selected customers whose step happened in hour h of any day of the period) / days,
 * the mean over the days of the period, days without events counting as 0; days = local
 * calendar days of the period inclusive. The period and the selected customers are those of
 * the `daily_funnel_downloads` family (see `customerFunnelOverTime`). Conversions are ratios of
 * the hour's counts (null over 0, first step 1). meta: `{ days, period, steps, fields }`.
 * Needs customers.
 */
export const hourlyFunnelDownloads = defineAnalysis({
  name: 'hourly_funnel_downloads',
  description: 'Mean customers reaching each customer funnel step per hour of day over the days of the period',
  tables: ['customers'],
  params: (raw) => {
    new ParamReader('hourly_funnel_downloads', raw, []);
    return {};
  },
  run(context) {
    const period = customerFunnelPeriod(context);
    const funnel = customerFunnel(context, period.rest);
    const range = period.range(funnel.times);
    const days = daysIn(context, range);
    const { steps, fields } = funnel;
    const width = steps.length;
    const counts = new Float64Array(24 * width);
    if (range && days > 0) {
      const { calendar } = context;
      for (let s = 0; s < width; s++) {
        const times = funnel.times[s];
        for (let r = 0; r < times.length; r++) {
          const t = times[r];
          if (t !== t || t < range[0] || t >= range[1]) continue;
          counts[calendar.hourOfDay(t) * width + s]++;
        }
      }
    }
    const rows: Row[] = [];
    for (let hour = 0; hour < 24; hour++) pushFunnelRows(rows, { hour }, steps, counts, hour * width, days);
    return { rows, meta: { days, period: range, steps, fields } };
  },
});
