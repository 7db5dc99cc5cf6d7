import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import type { CustomerOrders } from '../../customer-orders.js';
import { DAY_MS, readInstant, resolveAsOf, type AsOf } from '../../as-of.js';
import { ordersUnder } from './scope.js';

/** Params of `churn`. */
export interface ChurnParams {
  readonly asOf: unknown;
}

/** The churn figures at one instant. */
export interface ChurnFigures {
  /** Mean over customers with 2+ orders of their mean days between orders; null without such customers. */
  readonly avgGapDays: number | null;
  readonly repeatBuyers: number;
  readonly buyers: number;
  readonly engaged: number;
  /** 1 − engaged / buyers; null without buyers or without an average gap. */
  readonly churn: number | null;
}

/**
 * `churn` (seed 003 "Churn Rate", SPEC "Customer status and churn"), as of `asOf`. Counting the
 * orders placed by then (`time <= asOf`, see `AsOf`; under the filter's predicates other than
 * its session_start interval):
 *
 * - a customer's mean gap = (last order − first order) / (orders − 1), in days of 24 h, for
 *   customers with 2+ orders; avgGapDays = the mean of those over the repeat buyers;
 * - buyers = customers with at least one order; engaged = buyers whose last order L satisfies
 *   asOf − L <= avgGapDays (their last order is within the average gap of the as-of date);
 * - churn = 1 − engaged / buyers (a ratio). With no repeat buyer there is no gap: avgGapDays,
 *   engaged and churn are null.
 *
 * One row `{ avgGapDays, repeatBuyers, buyers, engaged, churn }`; meta `{ asOf, engagedSince }`
 * (engagedSince = asOf − avgGapDays days, epoch ms, null without a gap).
 */
export const churn = defineAnalysis({
  name: 'churn',
  description: 'Churn rate: share of buyers whose last order is older than the average gap between orders',
  params: (raw): ChurnParams => {
    new ParamReader('churn', raw, ['asOf']);
    return { asOf: raw.asOf };
  },
  run(context, params) {
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant('churn', 'asOf', params.asOf, context.calendar));
    const figures = at ? churnAt(ordersUnder(context, period.rest), at) : { avgGapDays: null, repeatBuyers: 0, buyers: 0, engaged: 0, churn: null };
    const engagedSince = at && figures.avgGapDays !== null ? at.asOf - figures.avgGapDays * DAY_MS : null;
    return {
      rows: [{ ...figures, engaged: figures.avgGapDays === null ? null : figures.engaged }],
      meta: { asOf: at?.asOf ?? null, engagedSince },
    };
  },
});

/** The churn figures of `orders` at `at` (orders with `time <= asOf && time < before` count). */
export function churnAt(orders: CustomerOrders, at: AsOf): ChurnFigures {
  const { rows, starts, start } = orders;
  const lastOrder = new Float64Array(orders.clients).fill(Number.NaN);
  let gapSum = 0;
  let repeatBuyers = 0;
  let buyers = 0;
  for (let c = 0; c < orders.clients; c++) {
    let k = 0;
    let first = 0;
    let last = 0;
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      const t = start[rows[i]];
      if (!(t <= at.asOf && t < at.before)) break;
      if (k === 0) first = t;
      last = t;
      k++;
    }
    if (k === 0) continue;
    buyers++;
    lastOrder[c] = last;
    if (k >= 2) {
      repeatBuyers++;
      gapSum += (last - first) / (k - 1) / DAY_MS;
    }
  }
  if (repeatBuyers === 0) return { avgGapDays: null, repeatBuyers, buyers, engaged: 0, churn: null };
  const avgGapDays = gapSum / repeatBuyers;
  let engaged = 0;
  for (let c = 0; c < orders.clients; c++) {
    if (lastOrder[c] === lastOrder[c] && (at.asOf - lastOrder[c]) / DAY_MS <= avgGapDays) engaged++;
  }
  return { avgGapDays, repeatBuyers, buyers, engaged, churn: 1 - engaged / buyers };
}
