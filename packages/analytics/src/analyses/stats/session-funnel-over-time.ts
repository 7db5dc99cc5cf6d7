import type { Row, TimeUnit } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { bucketOf } from '../../time-buckets.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { pushFunnelRows } from './funnel-rows.js';
import { sessionFunnelCounts, sessionFunnelSteps } from './session-funnel-steps.js';
import { sessionsKept } from '../masks.js';

/**
 * The session funnel per calendar bucket of session_start (`daily_funnel`, `weekly_funnel`,
 * `monthly_funnel`). Steps: `session`, each host action of `dataset.sessionActions` in order,
 * `purchase`. For every bucket overlapping the period (the filter's interval on session_start
 * clipped to the data, else the data range), in time order, zeros included, one row per step:
 * `{ bucket, step, stepIndex, count, conversionFromPrevious, conversionFromFirst }` where
 * count = sessions passing the filter that started in the bucket and have the step's flag
 * (every session for `session`, has_purchased for `purchase`); conversionFromPrevious =
 * count / previous step's count, conversionFromFirst = count / sessions (null over 0; the
 * first step has 1). meta: `{ unit, period, steps, fields }` (`fields[i]`: the sessions
 * column selecting step i, null for `session`).
 */
export function sessionFunnelOverTime(name: string, unit: TimeUnit): AnalysisDefinition<Record<string, never>> {
  return defineAnalysis({
    name,
    description: `Session funnel (sessions, actions, purchases) per ${unit} with step and overall conversion`,
    params: (raw) => {
      new ParamReader(name, raw, []);
      return {};
    },
    run(context) {
      const { steps, fields } = sessionFunnelSteps(context.derived);
      const period = periodOf(context);
      const meta = { unit, period: period.range, steps, fields };
      if (!period.range) return { rows: [], meta };
      const index = context.derived.buckets('sessions', 'session_start', unit);
      const lo = Math.max(period.range[0], index.bounds[0]);
      const hi = Math.min(period.range[1], index.bounds[index.count]);
      if (!(lo < hi)) return { rows: [], meta };
      const counts = sessionFunnelCounts(context.derived, index.codes, index.count, sessionsKept(context));
      const rows: Row[] = [];
      for (let k = bucketOf(index, lo); k <= bucketOf(index, hi - 1); k++) {
        pushFunnelRows(rows, { bucket: index.bounds[k] }, steps, counts, k * steps.length);
      }
      return { rows, meta };
    },
  });
}
