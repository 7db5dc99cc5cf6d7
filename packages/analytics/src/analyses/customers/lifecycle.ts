import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { periodBuckets, SERIES_UNITS, type SeriesUnit } from './period-buckets.js';
import { ordersUnder } from './scope.js';

/** Params of `lifecycle`. */
export interface LifecycleParams {
  readonly unit: SeriesUnit;
}

/**
 * `lifecycle` (the Mixpanel / Amplitude lifecycle chart): per bucket t of `unit` (`month` by
 * default, `week`, `day`; dataset zone and week start) overlapping the period (the filter's
 * interval on session_start, else the data range), the customers by what they did, from their
 * orders under the filter's predicates other than the session_start interval (history before
 * the period counts, so a customer is "new" only in the bucket of their first order ever):
 *
 * - new: first order in t;
 * - returning: ordered in t and in t−1;
 * - resurrecting: ordered in t, not in t−1, but before t−1;
 * - dormant: ordered in t−1 and not in t, as a NEGATIVE count (drawn below the axis);
 * - active = new + returning + resurrecting (the buyers of t);
 * - quickRatio = (new + resurrecting) / |dormant| (growth vs loss; null when dormant is 0).
 *
 * Rows `{ bucket, end, previous, new, returning, resurrecting, dormant, active, quickRatio }`,
 * bucket = its start (epoch ms), end = the next bucket's start, previous = the previous
 * bucket's start (core's `lifecyclePredicate` selects a bar's customers from them), in time order. meta: `{ unit, period }`.
 */
export const lifecycle = defineAnalysis({
  name: 'lifecycle',
  description: 'New, returning, resurrecting and dormant customers per day, week or month',
  params: (raw): LifecycleParams => {
    const read = new ParamReader('lifecycle', raw, ['unit']);
    return { unit: read.oneOf('unit', SERIES_UNITS, 'month') };
  },
  run(context, params) {
    const period = periodOf(context);
    const meta = { unit: params.unit, period: period.range };
    const buckets = periodBuckets(context, period, params.unit);
    if (!buckets) return { rows: [], meta };
    const { index } = buckets;
    const n = index.count;
    const fresh = new Float64Array(n);
    const returning = new Float64Array(n);
    const resurrecting = new Float64Array(n);
    const dormant = new Float64Array(n);
    const orders = ordersUnder(context, period.rest);
    const { rows: orderRows, starts } = orders;
    for (let c = 0; c < orders.clients; c++) {
      let previous = -1;
      for (let i = starts[c]; i < starts[c + 1]; i++) {
        const b = index.codes[orderRows[i]];
        if (b === previous) continue;
        if (previous < 0) fresh[b]++;
        else if (b === previous + 1) returning[b]++;
        else {
          resurrecting[b]++;
          dormant[previous + 1]++;
        }
        previous = b;
      }
      if (previous >= 0 && previous + 1 < n) dormant[previous + 1]++;
    }
    const rows: Row[] = [];
    for (let b = buckets.first; b <= buckets.last; b++) {
      rows.push({
        bucket: index.bounds[b],
        end: index.bounds[b + 1],
        previous: b > 0 ? index.bounds[b - 1] : context.calendar.add(index.bounds[b], params.unit, -1),
        new: fresh[b],
        returning: returning[b],
        resurrecting: resurrecting[b],
        dormant: dormant[b] === 0 ? 0 : -dormant[b],
        active: fresh[b] + returning[b] + resurrecting[b],
        quickRatio: dormant[b] > 0 ? (fresh[b] + resurrecting[b]) / dormant[b] : null,
      });
    }
    return { rows, meta };
  },
});
