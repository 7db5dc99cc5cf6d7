import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { periodBuckets, SERIES_UNITS, type SeriesUnit } from './period-buckets.js';
import { ordersUnder } from './scope.js';
import { ACTIVE, CHURNED, LONG_GONE, readThresholds, statusCuts, STATUSES, THRESHOLD_PARAMS, thresholdsMeta, type StatusThresholds } from './status.js';

/** Params of `customer_status_trend`. */
export interface CustomerStatusTrendParams {
  readonly unit: SeriesUnit;
  readonly thresholds: StatusThresholds;
}

/**
 * `customer_status_trend` (seed 000: the status trend against the previous period, down to
 * days): `customer_status` at the end of every bucket of the period. For each bucket (unit
 * `month` by default, or `week` / `day`, in the dataset's zone and week start) that overlaps
 * the period (the filter's interval on session_start, else the data range), let E = the
 * bucket's end, clipped to the period's end and the end of the data. Three rows `{ bucket,
 * status, customers, share, revenue, end, activeSince, longGoneBefore }` (status `active`, `churned`, `long_gone`) hold the
 * status of every customer with an order before E (`time < E`, under the filter's predicates
 * other than the session_start interval, so history before the period counts): L = their last
 * order before E; active when
 * L >= E − active threshold, churned when E − long-gone threshold <= L < E − active threshold,
 * long gone before that; share = customers / buyers before E (null without any);
 * revenue = Σ payment of their orders before E. `bucket` = the bucket start (epoch ms); `end`
 * = E, `activeSince` = E − active threshold, `longGoneBefore` = E − long-gone threshold (what
 * core's `statusAtPredicate` needs to select a point's customers).
 * Rows are in time order, statuses in the order above.
 * meta: `{ unit, period, thresholds }`.
 */
export const customerStatusTrend = defineAnalysis({
  name: 'customer_status_trend',
  description: 'Active, churned and long-gone buyers at the end of every day, week or month',
  params: (raw): CustomerStatusTrendParams => {
    const read = new ParamReader('customer_status_trend', raw, ['unit', ...THRESHOLD_PARAMS]);
    return { unit: read.oneOf('unit', SERIES_UNITS, 'month'), thresholds: readThresholds('customer_status_trend', raw) };
  },
  run(context, params) {
    const period = periodOf(context);
    const meta = { unit: params.unit, period: period.range, thresholds: thresholdsMeta(params.thresholds) };
    const buckets = periodBuckets(context, period, params.unit);
    if (!buckets) return { rows: [], meta };
    const { ends } = buckets;
    const m = ends.length;
    const activeSince = new Float64Array(m);
    const longGoneBefore = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const cuts = statusCuts(ends[j], params.thresholds, context.calendar);
      activeSince[j] = cuts.activeSince;
      longGoneBefore[j] = cuts.longGoneBefore;
    }
    // Between two orders of a customer (and after the last one) the status only ages: active,
    // then churned, then long gone. Each such stretch of snapshots adds three runs to difference
    // arrays, so the work is per order, not per customer and bucket.
    const counts = [new Float64Array(m + 1), new Float64Array(m + 1), new Float64Array(m + 1)];
    const revenue = [new Float64Array(m + 1), new Float64Array(m + 1), new Float64Array(m + 1)];
    const addRun = (s: number, from: number, to: number, amount: number) => {
      if (from >= to) return;
      counts[s][from]++;
      counts[s][to]--;
      revenue[s][from] += amount;
      revenue[s][to] -= amount;
    };
    const orders = ordersUnder(context, period.rest);
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const { rows: orderRows, starts, start } = orders;
    const codes = buckets.index.codes;
    // The first snapshot taken after an order: the end of its bucket, or the next one when the
    // last end is clipped before it.
    const snapshotAfter = (row: number): number => {
      let j = codes[row] - buckets.first;
      if (j < 0) return 0;
      if (j >= m) return m;
      while (j < m && !(ends[j] > start[row])) j++;
      return j;
    };
    for (let c = 0; c < orders.clients; c++) {
      const from = starts[c];
      const to = starts[c + 1];
      let sum = 0;
      let j = from < to ? snapshotAfter(orderRows[from]) : m;
      for (let k = from; k < to; k++) {
        const row = orderRows[k];
        sum += payment[row];
        const next = k + 1 < to ? snapshotAfter(orderRows[k + 1]) : m;
        if (next > j) {
          const last = start[row];
          // Snapshots j .. next-1 see this order as the last one.
          const activeEnd = activeSince[next - 1] <= last ? next : firstAbove(activeSince, last, j, next);
          const goneStart = activeEnd === next ? next : firstAbove(longGoneBefore, last, activeEnd, next);
          addRun(ACTIVE, j, activeEnd, sum);
          addRun(CHURNED, activeEnd, goneStart, sum);
          addRun(LONG_GONE, goneStart, next, sum);
          j = next;
        }
      }
    }
    for (let s = 0; s < 3; s++) {
      for (let jj = 1; jj < m; jj++) {
        counts[s][jj] += counts[s][jj - 1];
        revenue[s][jj] += revenue[s][jj - 1];
      }
      // Runs that cancel out leave rounding dust in money sums: no customers, no revenue.
      for (let jj = 0; jj < m; jj++) if (counts[s][jj] === 0) revenue[s][jj] = 0;
    }
    const rows: Row[] = [];
    for (let j = 0; j < m; j++) {
      const buyers = counts[0][j] + counts[1][j] + counts[2][j];
      const bucket = buckets.index.bounds[buckets.first + j];
      STATUSES.forEach((status, s) => {
        rows.push({
          bucket,
          status,
          customers: counts[s][j],
          share: buyers > 0 ? counts[s][j] / buyers : null,
          revenue: revenue[s][j],
          end: ends[j],
          activeSince: activeSince[j],
          longGoneBefore: longGoneBefore[j],
        });
      });
    }
    return { rows, meta };
  },
});

/** The first j in [lo, hi) with `values[j] > t` (values ascending); `hi` when none. */
function firstAbove(values: Float64Array, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
