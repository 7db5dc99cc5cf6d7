import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { pushFunnelRows } from './funnel-rows.js';
import { sessionFunnelCounts, sessionFunnelSteps } from './session-funnel-steps.js';
import { sessionsKept } from '../masks.js';

/**
 * `funnel`: the session funnel over the whole period, for the funnel widget. One row per step
 * (`session`, the host actions of `dataset.sessionActions` in order, `purchase`):
 * `{ step, stepIndex, count, conversionFromPrevious, conversionFromFirst }` where count =
 * sessions passing the filter (the period is the filter's interval on session_start, else
 * all data) that have the step; conversionFromPrevious = count / previous step's count,
 * conversionFromFirst = count / sessions (null over 0; the first step 1).
 * meta: `{ period, steps, fields }` (`fields[i]`: the sessions column selecting step i).
 */
export const funnel = defineAnalysis({
  name: 'funnel',
  description: 'Session funnel totals (sessions, actions, purchases) over the period with conversion',
  params: (raw) => {
    new ParamReader('funnel', raw, []);
    return {};
  },
  run(context) {
    const { steps, fields } = sessionFunnelSteps(context.derived);
    const period = periodOf(context);
    const counts = sessionFunnelCounts(context.derived, null, 1, sessionsKept(context));
    const rows: Row[] = [];
    pushFunnelRows(rows, {}, steps, counts, 0);
    return { rows, meta: { period: period.range, steps, fields } };
  },
});
