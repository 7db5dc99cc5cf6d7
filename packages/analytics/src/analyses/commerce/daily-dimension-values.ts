import { MissingInputError } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';

/**
 * `daily_dimension_values` (seed report name): orders and revenue per day and dimension value,
 * rows `{ bucket, dimension, orders, revenue }` (bucket = the local day's start, epoch ms) for
 * every (day, value) with a session passing the filter, by day then value. orders = sessions
 * with has_purchased; revenue = Σ payment_amount of those orders. Sessions without a
 * dimension are left out. meta: `{ unit: 'day' }`.
 */
export const dailyDimensionValues = defineAnalysis({
  name: 'daily_dimension_values',
  description: 'Orders and revenue per day and dimension value',
  params: (raw) => {
    new ParamReader('daily_dimension_values', raw, []);
    return {};
  },
  run(context) {
    if (!context.dataset.sessions.columns.dimension) {
      throw new MissingInputError('daily_dimension_values', 'a dimension column in sessions', 'map a dimension (region, store, channel, ...) in the sessions input');
    }
    const { rows } = context.aggregate({
      kind: 'aggregate',
      groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'dimension' }],
      measures: ['orders', 'revenue'],
    });
    const out = rows
      .filter((row) => row.dimension !== null)
      .map((row) => ({ bucket: row.session_start, dimension: row.dimension, orders: row.orders, revenue: row.revenue }))
      .sort((a, b) => Number(a.bucket) - Number(b.bucket) || String(a.dimension).localeCompare(String(b.dimension)));
    return { rows: out, meta: { unit: 'day' } };
  },
});
