import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { DAY_MS } from '../../as-of.js';
import { periodBuckets } from './period-buckets.js';
import { ordersUnder } from './scope.js';
import { ordersColumn } from '../../customer-orders.js';

/**
 * Churn per calendar bucket (`churn_weekly`, `churn_monthly`). For every bucket t of `unit`
 * (dataset zone and week start) overlapping the period (the filter's interval on
 * session_start, else the data range), with boundaries S = the start of t and E = its end
 * (clipped to the period's end and the end of the data), and orders under the filter's
 * predicates other than the session_start interval (history before the period counts):
 *
 * - at a boundary B, counting the orders with time < B: avgGap(B) = the mean over customers
 *   with 2+ such orders of (last − first) / (orders − 1), in days; a customer is engaged at B
 *   when they have an order and B − last order <= avgGap(B) days (the `churn` definition at
 *   B, so the gap is what was known then); nobody is engaged while no customer has 2 orders;
 * - engagedAtStart = customers engaged at S (the end of t−1); lost = those of them not engaged
 *   at E; churn = lost / engagedAtStart (null when nobody was engaged at S).
 *
 * Rows `{ bucket, engagedAtStart, lost, churn, engaged, avgGapDays }` in time order: bucket =
 * the bucket start (epoch ms), engaged = customers engaged at E (whether or not they were at S),
 * avgGapDays = avgGap(E) (null without repeat buyers). meta: `{ unit, period }`.
 */
export function churnSeries(name: string, unit: 'week' | 'month'): AnalysisDefinition<Record<string, never>> {
  return defineAnalysis({
    name,
    description: `Share of the engaged customers at the start of each ${unit} who are no longer engaged at its end`,
    params: (raw) => {
      new ParamReader(name, raw, []);
      return {};
    },
    run(context) {
      const period = periodOf(context);
      const meta = { unit, period: period.range };
      const buckets = periodBuckets(context, period, unit);
      if (!buckets) return { rows: [], meta };
      // Boundaries: b = 0 is the start of the first bucket, b = j + 1 the end of bucket j.
      const m = buckets.ends.length;
      const bounds = new Float64Array(m + 1);
      bounds[0] = buckets.start;
      bounds.set(buckets.ends, 1);
      const orders = ordersUnder(context, period.rest);
      const { starts } = orders;
      // Order times laid out in the customers' order: every walk below reads them in a row.
      const times = ordersColumn(context.derived, orders, 'session_start', orders.start);
      const gapSum = new Float64Array(m + 1);
      const repeat = new Float64Array(m + 1);
      for (let c = 0; c < orders.clients; c++) {
        const from = starts[c];
        const to = starts[c + 1];
        if (to - from < 2) continue;
        const first = times[from];
        let k = from;
        let b = firstBoundAfter(bounds, times[from + 1]);
        while (b <= m) {
          while (k < to && times[k] < bounds[b]) k++;
          // The customer's gap holds until their next order passes a boundary.
          const gap = (times[k - 1] - first) / (k - 1 - from) / DAY_MS;
          const next = k < to ? times[k] : Infinity;
          do {
            gapSum[b] += gap;
            repeat[b]++;
            b++;
          } while (b <= m && !(next < bounds[b]));
        }
      }
      const avgGap = new Float64Array(m + 1).fill(Number.NaN);
      for (let b = 0; b <= m; b++) if (repeat[b] > 0) avgGap[b] = gapSum[b] / repeat[b];
      // The largest average gap at or after each boundary: a customer whose last order is
      // older than that at a boundary is engaged at none of the later ones.
      const laterGap = new Float64Array(m + 2).fill(-Infinity);
      for (let b = m; b >= 0; b--) laterGap[b] = avgGap[b] > laterGap[b + 1] ? avgGap[b] : laterGap[b + 1];
      const engagedAtStart = new Float64Array(m);
      const lost = new Float64Array(m);
      const engagedAtEnd = new Float64Array(m);
      for (let c = 0; c < orders.clients; c++) {
        const from = starts[c];
        const to = starts[c + 1];
        if (from === to) continue;
        let k = from;
        let before = false;
        for (let b = firstBoundAfter(bounds, times[from]); b <= m; b++) {
          while (k < to && times[k] < bounds[b]) k++;
          const engaged = (bounds[b] - times[k - 1]) / DAY_MS <= avgGap[b];
          if (b > 0) {
            if (before) {
              engagedAtStart[b - 1]++;
              if (!engaged) lost[b - 1]++;
            }
            if (engaged) engagedAtEnd[b - 1]++;
          }
          before = engaged;
          if (!engaged && k === to && b < m && !((bounds[b + 1] - times[to - 1]) / DAY_MS <= laterGap[b + 1])) break;
        }
      }
      const rows: Row[] = [];
      for (let j = 0; j < m; j++) {
        rows.push({
          bucket: buckets.index.bounds[buckets.first + j],
          engagedAtStart: engagedAtStart[j],
          lost: lost[j],
          churn: engagedAtStart[j] > 0 ? lost[j] / engagedAtStart[j] : null,
          engaged: engagedAtEnd[j],
          avgGapDays: Number.isNaN(avgGap[j + 1]) ? null : avgGap[j + 1],
        });
      }
      return { rows, meta };
    },
  });
}

/** The first b with `bounds[b] > t`; `bounds.length` when none. */
function firstBoundAfter(bounds: Float64Array, t: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
