import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { hourlyOrganic } from './promotions.js';

/**
 * `hourly_inorganic_ratio`: for each local hour of day h = 0..23, one row
 * `{ hour, orders, promoted, ratio }`: orders and promoted = the mean per day of the period
 * of all orders and of promoted orders in hour h (as hourly_organic_orders); ratio =
 * promoted / orders, i.e. the promoted share of all orders placed in hour h over the period
 * (the days cancel; null for an hour without orders). meta: `{ days, period }`. Needs a
 * promotion_id column.
 */
export const hourlyInorganicRatio = defineAnalysis({
  name: 'hourly_inorganic_ratio',
  description: 'Share of orders that used a promotion, per hour of day',
  params: (raw) => {
    new ParamReader('hourly_inorganic_ratio', raw, []);
    return {};
  },
  run(context) {
    const { days, period, counts } = hourlyOrganic(context, 'hourly_inorganic_ratio');
    const rows: Row[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const orders = counts.organic[hour] + counts.promoted[hour];
      const promoted = counts.promoted[hour];
      const perDay = (count: number) => (days > 0 ? count / days : 0);
      rows.push({ hour, orders: perDay(orders), promoted: perDay(promoted), ratio: orders > 0 ? promoted / orders : null });
    }
    return { rows, meta: { days, period: period.range } };
  },
});
