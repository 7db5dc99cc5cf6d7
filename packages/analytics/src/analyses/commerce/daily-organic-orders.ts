import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { dailyOrganic } from './promotions.js';

/**
 * `daily_organic_orders`: per local day of session_start, one row
 * `{ bucket, organic, promoted }`: organic = orders (has_purchased) without a promotion_id,
 * promoted = orders with one. Every day overlapping the period (the filter's interval on
 * session_start clipped to the data, else the data range), zeros included, in time order;
 * bucket = the day's start (epoch ms). meta: `{ unit: 'day', period }`. Needs a promotion_id
 * column.
 */
export const dailyOrganicOrders = defineAnalysis({
  name: 'daily_organic_orders',
  description: 'Organic (no promotion) and promoted orders per day',
  params: (raw) => {
    new ParamReader('daily_organic_orders', raw, []);
    return {};
  },
  run(context) {
    const { buckets, counts } = dailyOrganic(context, 'daily_organic_orders');
    const rows: Row[] = [];
    for (let k = 0; k < counts.organic.length; k++) {
      rows.push({ bucket: buckets.index.bounds[buckets.first + k], organic: counts.organic[k], promoted: counts.promoted[k] });
    }
    return { rows, meta: { unit: 'day', period: buckets.period.range } };
  },
});
