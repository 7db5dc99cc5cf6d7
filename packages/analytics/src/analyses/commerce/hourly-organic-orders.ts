import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { hourlyOrganic } from './promotions.js';

/**
 * `hourly_organic_orders`: for each local hour of day h = 0..23, one row
 * `{ hour, organic, promoted }` = the mean over the days of the period of that hour's organic
 * orders (no promotion_id) and promoted orders: count in hour h on any day / days, days
 * without orders counting as 0 (as hourly_orders; days = local calendar days from the
 * period's first to its last day). With no days every value is 0. meta: `{ days, period }`.
 * Needs a promotion_id column.
 */
export const hourlyOrganicOrders = defineAnalysis({
  name: 'hourly_organic_orders',
  description: 'Mean organic and promoted orders per hour of day',
  params: (raw) => {
    new ParamReader('hourly_organic_orders', raw, []);
    return {};
  },
  run(context) {
    const { days, period, counts } = hourlyOrganic(context, 'hourly_organic_orders');
    const rows: Row[] = [];
    for (let hour = 0; hour < 24; hour++) rows.push({ hour, organic: days > 0 ? counts.organic[hour] / days : 0, promoted: days > 0 ? counts.promoted[hour] / days : 0 });
    return { rows, meta: { days, period: period.range } };
  },
});
