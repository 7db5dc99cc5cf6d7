import { MissingInputError, type Row } from '@clvkit/core';
import { keyColumn } from '../../group-keys.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { sessionsKept } from '../masks.js';
import { distinctClientsBy, sessionSums } from '../session-sums.js';
import { compareText } from './top-k.js';

export interface DimensionKpisParams {
  /** Row order: by orders or revenue descending, or by value ascending. */
  readonly sort: 'orders' | 'revenue' | 'value';
}

/**
 * `dimension_kpis`: per value of sessions.dimension (region, store, channel ...), over the
 * sessions passing the filter, one row
 * `{ dimension, orders, revenue, discount, visitors, buyers, averageOrderValue }`:
 * orders = sessions with has_purchased; revenue = Σ payment_amount and discount =
 * Σ discount_amount of those orders; visitors = distinct clients with a session; buyers =
 * distinct clients with an order; averageOrderValue = revenue / orders (null without orders).
 * Only values with a session under the filter; sessions without a dimension form a last row
 * with `dimension: null`. Sorted by `sort` (orders) descending, ties by value (value:
 * ascending). meta: `{ sort }`. Needs a dimension column.
 */
export const dimensionKpis = defineAnalysis<DimensionKpisParams>({
  name: 'dimension_kpis',
  description: 'Orders, revenue, discount, visitors, buyers and average order value per dimension value',
  params: (raw) => {
    const read = new ParamReader('dimension_kpis', raw, ['sort']);
    return { sort: read.oneOf('sort', ['orders', 'revenue', 'value'] as const, 'orders') };
  },
  run(context, params) {
    const { derived, dataset } = context;
    if (dataset.sessions.columns.dimension?.type !== 'string') {
      throw new MissingInputError('dimension_kpis', 'a dimension column in sessions', 'map a dimension (region, store, channel, ...) in the sessions input');
    }
    const key = keyColumn(derived, 'sessions', { field: 'dimension' }, 'dimension');
    const mask = sessionsKept(context);
    const sums = sessionSums(context, mask, key.codes, key.cardinality);
    const { visitors, buyers } = distinctClientsBy(context, mask, key.codes, key.cardinality);
    const missing = key.cardinality;
    const values: number[] = [];
    for (let s = 0; s < key.cardinality; s++) if (sums.sessions[s] > 0) values.push(s);
    const text = (s: number) => key.value(s) as string;
    const by = params.sort === 'value' ? null : sums[params.sort];
    values.sort(by ? (a, b) => by[b] - by[a] || compareText(text(a), text(b)) : (a, b) => compareText(text(a), text(b)));
    if (sums.sessions[missing] > 0) values.push(missing);
    const rows: Row[] = values.map((s) => ({
      dimension: s === missing ? null : text(s),
      orders: sums.orders[s],
      revenue: sums.revenue[s],
      discount: sums.discount[s],
      visitors: visitors[s],
      buyers: buyers[s],
      averageOrderValue: sums.orders[s] > 0 ? sums.revenue[s] / sums.orders[s] : null,
    }));
    return { rows, meta: { sort: params.sort } };
  },
});
