import type { Row } from '@clvkit/core';
import { keyColumn } from '../../group-keys.js';
import { ParamReader } from '../../params.js';
import { daysIn, periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { pushFunnelRows } from './funnel-rows.js';
import { sessionFunnelCounts, sessionFunnelSteps } from './session-funnel-steps.js';
import { sessionsKept } from '../masks.js';

/**
 * `hourly_funnel`: for each local hour of day h = 0..23 and each session funnel step
 * (`session`, the host actions in order, `purchase`), one row
 * `{ hour, step, stepIndex, count, conversionFromPrevious, conversionFromFirst }` where
 * count = (sessions passing the filter that started in hour h on any day of the period and
 * have the step) / days, i.e. the mean over the days of the period with days without sessions
 * counting as 0 (as `hourly_orders`); days = local calendar days from the period's first to its
 * last day inclusive. Conversions are ratios of those means (= ratios of the sums; null over
 * 0, the first step 1). With no days every count is 0. meta: `{ days, period, steps, fields }`.
 */
export const hourlyFunnel = defineAnalysis({
  name: 'hourly_funnel',
  description: 'Mean session funnel counts per hour of day over the days of the period',
  params: (raw) => {
    new ParamReader('hourly_funnel', raw, []);
    return {};
  },
  run(context) {
    const { steps, fields } = sessionFunnelSteps(context.derived);
    const period = periodOf(context);
    const days = daysIn(context, period.range);
    const meta = { days, period: period.range, steps, fields };
    let counts: Float64Array = new Float64Array(24 * steps.length);
    if (period.range && days > 0) {
      const key = keyColumn(context.derived, 'sessions', { field: 'session_start', bucket: 'hourOfDay' }, 'hour');
      counts = sessionFunnelCounts(context.derived, key.codes, 24, sessionsKept(context));
    }
    const rows: Row[] = [];
    for (let hour = 0; hour < 24; hour++) pushFunnelRows(rows, { hour }, steps, counts, hour * steps.length, days);
    return { rows, meta };
  },
});
