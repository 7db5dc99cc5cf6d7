import { dataRange, periodOf, type Range } from '../../period.js';
import type { AnalysisContext } from '../../types.js';
import type { CustomerFunnel } from './customer-funnel-steps.js';
import type { Filter } from '@clvkit/core';

/**
 * The period of a customer funnel and the filter without its interval. With the filter's
 * interval on session_start, that interval (it dates the customers' steps, it does not pick
 * the sessions). Otherwise the data range widened to every step time of the selected
 * customers (downloads may precede the first session or follow the last one): from the start
 * of the earliest local day to the end of the latest. `withData: false` leaves the data range
 * out (cohorts span the download dates only).
 */
export function customerFunnelPeriod(context: AnalysisContext): { readonly fromFilter: boolean; readonly rest: Filter; range(times: CustomerFunnel['times'], withData?: boolean): Range | null } {
  const period = periodOf(context);
  return {
    fromFilter: period.fromFilter,
    rest: period.rest,
    range(times, withData = true) {
      if (period.fromFilter) return period.range;
      let lo = Infinity;
      let hi = -Infinity;
      for (const values of times) {
        for (let r = 0; r < values.length; r++) {
          const t = values[r];
          if (t < lo) lo = t;
          if (t > hi) hi = t;
        }
      }
      const data = withData ? dataRange(context) : null;
      if (!(lo <= hi)) return data;
      const { calendar } = context;
      const events: Range = [calendar.floor(lo, 'day'), calendar.add(hi, 'day', 1)];
      return data ? [Math.min(data[0], events[0]), Math.max(data[1], events[1])] : events;
    },
  };
}
