import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { readInstant, resolveAsOf } from '../../as-of.js';
import { lastOrdersUnder, ordersUpTo, repeatedOrdersUnder } from '../../crossfilter/customer-orders-cache.js';
import { classify, readThresholds, statusCuts, STATUSES, THRESHOLD_PARAMS, thresholdsMeta, type StatusThresholds } from './status.js';

/** Params of `customer_status`. */
export interface CustomerStatusParams {
  readonly asOf: unknown;
  readonly thresholds: StatusThresholds;
}

/**
 * `customer_status` (seed 000 "shop health"): the buyers as of `asOf`, by the time since their
 * last order. Rows `{ status, customers, share, revenue }` for status `active`, `churned`,
 * `long_gone`, in that order:
 *
 * - the orders counted are those passing the filter's predicates other than its interval on
 *   session_start, placed by the as-of instant (`time <= asOf`; see `AsOf`: default = the end of
 *   the filter's session_start interval, else the last session_start of the data);
 * - a buyer is a customer with at least one such order; L = their last one;
 * - active: L >= asOf − active threshold (default 3 calendar months, same local wall time);
 *   churned: asOf − long-gone threshold (default 6 months) <= L < asOf − active threshold;
 *   long gone: L < asOf − long-gone threshold;
 * - customers = buyers in the status; share = customers / all buyers (null without buyers);
 *   revenue = Σ payment of the counted orders of those customers (their revenue to date).
 *
 * Params: `asOf` (ISO date = that date's local midnight, ISO date-time, or epoch ms),
 * `activeDays` | `activeMonths`, `longGoneDays` | `longGoneMonths` (positive integers).
 * meta: `{ asOf, activeSince, longGoneBefore, buyers, revenue, thresholds }` (instants in epoch
 * ms; `asOf` null when the data has no sessions). The filterable field
 * `sessions.customer_status` holds the same status computed over all orders as of the last
 * session_start with the default thresholds (see status-field.ts).
 */
export const customerStatus = defineAnalysis({
  name: 'customer_status',
  description: 'Buyers by status as of a date: active, churned, long gone (time since their last order)',
  params: (raw): CustomerStatusParams => {
    new ParamReader('customer_status', raw, ['asOf', ...THRESHOLD_PARAMS]);
    return { asOf: raw.asOf, thresholds: readThresholds('customer_status', raw) };
  },
  run(context, params) {
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant('customer_status', 'asOf', params.asOf, context.calendar));
    const meta = { asOf: at?.asOf ?? null, activeSince: null as number | null, longGoneBefore: null as number | null, buyers: 0, revenue: 0, thresholds: thresholdsMeta(params.thresholds) };
    const customers = [0, 0, 0];
    const revenue = [0, 0, 0];
    if (at) {
      const cuts = statusCuts(at.asOf, params.thresholds, context.calendar);
      meta.activeSince = cuts.activeSince;
      meta.longGoneBefore = cuts.longGoneBefore;
      // As statusSnapshot, but from the cached per-customer orders of the other clauses: a
      // brush only moves the as-of date, which is a binary search per customer. A click (other
      // clauses, the same date) takes one pass over the orders instead.
      const orders = repeatedOrdersUnder(context.derived, period.rest, at.asOf);
      if (orders) {
        const { rows, starts, start, cumulativePayment } = orders;
        for (let c = 0; c < orders.clients; c++) {
          const k = ordersUpTo(orders, c, at.asOf, at.before);
          if (k === 0) continue;
          const last = starts[c] + k - 1;
          const s = classify(start[rows[last]], cuts);
          customers[s]++;
          revenue[s] += cumulativePayment[last];
        }
      } else {
        const { last, payment } = lastOrdersUnder(context.derived, period.rest, at.asOf, at.before);
        const start = context.derived.numbers('sessions', 'session_start', Number.NaN);
        for (let c = 0; c < last.length; c++) {
          if (last[c] < 0) continue;
          const s = classify(start[last[c]], cuts);
          customers[s]++;
          revenue[s] += payment[c];
        }
      }
    }
    meta.buyers = customers[0] + customers[1] + customers[2];
    meta.revenue = revenue[0] + revenue[1] + revenue[2];
    const rows: Row[] = STATUSES.map((status, s) => ({
      status,
      customers: customers[s],
      share: meta.buyers > 0 ? customers[s] / meta.buyers : null,
      revenue: revenue[s],
    }));
    return { rows, meta };
  },
});
