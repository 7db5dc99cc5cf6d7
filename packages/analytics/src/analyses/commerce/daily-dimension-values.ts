import { MissingInputError, type Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { sessionsKept } from '../masks.js';
import { sessionSums } from '../session-sums.js';
import { compareText } from './top-k.js';

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
    const dimension = context.dataset.sessions.columns.dimension;
    if (dimension.type !== 'string') return { rows: viaAggregate(context), meta: { unit: 'day' } };
    const days = context.derived.buckets('sessions', 'session_start', 'day');
    const sums = sessionSums(context, sessionsKept(context), days.codes, days.count, dimension.codes, dimension.dictionary.length);
    // Slots in key order (day, then the value by code point), as the plain aggregate lists them;
    // sessions without a dimension are left out, those without a time have no day (null).
    const values = dimension.dictionary.length;
    const byText = Array.from(dimension.dictionary.keys()).sort((a, b) => compareText(dimension.dictionary[a], dimension.dictionary[b]));
    const out: Row[] = [];
    for (let d = 0; d <= days.count; d++) {
      for (const v of byText) {
        const g = d * (values + 1) + v;
        if (sums.sessions[g] === 0) continue;
        out.push({ bucket: d < days.count ? days.bounds[d] : null, dimension: dimension.dictionary[v], orders: sums.orders[g], revenue: sums.revenue[g] });
      }
    }
    out.sort((a, b) => Number(a.bucket) - Number(b.bucket) || String(a.dimension).localeCompare(String(b.dimension)));
    return { rows: out, meta: { unit: 'day' } };
  },
});

/** The rows through the plain aggregate (a dimension column that is not a string column). */
function viaAggregate(context: AnalysisContext): Row[] {
  const { rows } = context.aggregate({
    kind: 'aggregate',
    groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'dimension' }],
    measures: ['orders', 'revenue'],
  });
  return rows
    .filter((row) => row.dimension !== null)
    .map((row) => ({ bucket: row.session_start, dimension: row.dimension, orders: row.orders, revenue: row.revenue }))
    .sort((a, b) => Number(a.bucket) - Number(b.bucket) || String(a.dimension).localeCompare(String(b.dimension)));
}
