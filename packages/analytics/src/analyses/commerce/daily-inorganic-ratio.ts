import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { dailyOrganic } from './promotions.js';

/**
 * `daily_inorganic_ratio`: per local day of session_start, one row
 * `{ bucket, orders, promoted, ratio }`: orders = all orders (has_purchased), promoted =
 * orders with a promotion_id, ratio = promoted / orders (0..1; null on a day without orders).
 * Days as daily_organic_orders (every day of the period, in time order). meta:
 * `{ unit: 'day', period }`. Needs a promotion_id column.
 */
export const dailyInorganicRatio = defineAnalysis({
  name: 'daily_inorganic_ratio',
  description: 'Share of orders that used a promotion, per day',
  params: (raw) => {
    new ParamReader('daily_inorganic_ratio', raw, []);
    return {};
  },
  run(context) {
    const { buckets, counts } = dailyOrganic(context, 'daily_inorganic_ratio');
    const rows: Row[] = [];
    for (let k = 0; k < counts.organic.length; k++) {
      const orders = counts.organic[k] + counts.promoted[k];
      const promoted = counts.promoted[k];
      rows.push({ bucket: buckets.index.bounds[buckets.first + k], orders, promoted, ratio: orders > 0 ? promoted / orders : null });
    }
    return { rows, meta: { unit: 'day', period: buckets.period.range } };
  },
});
