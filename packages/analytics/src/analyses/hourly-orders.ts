import type { Row } from '@clvkit/core';
import { groupMeasures } from '../aggregate.js';
import { keyColumn } from '../group-keys.js';
import { measureValue } from '../measures.js';
import { ParamReader } from '../params.js';
import { bucketedPeriodFilters, daysIn, periodOf } from '../period.js';
import { defineAnalysis } from '../types.js';

/**
 * `hourly_orders`: for each local hour of day h = 0..23, one row `{ hour, orders, revenue }`
 * where orders = (orders whose session_start falls in hour h on any day of the period) / days
 * and revenue likewise, i.e. the mean over the days of the period, days without orders
 * counting as 0. days = local calendar days from the period's first to its last day inclusive
 * (the filter's interval on session_start, else the data's first to last session day). With no
 * days every value is 0. meta: `{ days, period }`.
 */
export const hourlyOrders = defineAnalysis({
  name: 'hourly_orders',
  description: 'Mean orders and revenue per hour of day over the days of the period',
  params: (raw) => {
    new ParamReader('hourly_orders', raw, []);
    return {};
  },
  run(context) {
    const period = periodOf(context);
    const days = daysIn(context, period.range);
    const meta = { days, period: period.range };
    const rows: Row[] = [];
    if (!period.range || days === 0) {
      for (let hour = 0; hour < 24; hour++) rows.push({ hour, orders: 0, revenue: 0 });
      return { rows, meta };
    }
    const key = keyColumn(context.derived, 'sessions', { field: 'session_start', bucket: 'hourOfDay' }, 'hour');
    const { arrays } = groupMeasures(context.derived, 'sessions', [key], ['orders', 'revenue'], bucketedPeriodFilters(period));
    for (let hour = 0; hour < 24; hour++) {
      rows.push({ hour, orders: (measureValue(arrays, 'orders', hour) ?? 0) / days, revenue: (measureValue(arrays, 'revenue', hour) ?? 0) / days });
    }
    return { rows, meta };
  },
});
