import type { Row, TimeUnit } from '@clvkit/core';
import { groupMeasures } from '../aggregate.js';
import { keyColumn } from '../group-keys.js';
import { measureValue } from '../measures.js';
import { ParamReader } from '../params.js';
import { bucketedPeriodFilters, periodOf } from '../period.js';
import { periodBuckets } from '../period-buckets.js';
import { defineAnalysis, type AnalysisDefinition } from '../types.js';

/**
 * Orders and revenue per calendar bucket of session_start, one row `{ bucket, orders, revenue }`
 * per bucket (bucket = its start, epoch ms), filled with zeros: every bucket that overlaps the
 * period (the filter's interval on session_start clipped to the data, else the whole data
 * range), in time order. orders = sessions with has_purchased; revenue = Σ payment_amount of
 * those orders. meta: `{ unit, period }`.
 */
export function ordersOverTime(name: string, unit: TimeUnit): AnalysisDefinition<Record<string, never>> {
  return defineAnalysis({
    name,
    description: `Orders and revenue per ${unit}, empty ${unit}s as zeros`,
    params: (raw) => {
      new ParamReader(name, raw, []);
      return {};
    },
    run(context) {
      const period = periodOf(context);
      const meta = { unit, period: period.range };
      if (!period.range) return { rows: [], meta };
      const { index, first, last } = periodBuckets(context, unit, period);
      if (first > last) return { rows: [], meta };
      const key = keyColumn(context.derived, 'sessions', { field: 'session_start', bucket: unit }, 'bucket');
      const { arrays } = groupMeasures(context.derived, 'sessions', [key], ['orders', 'revenue'], bucketedPeriodFilters(period));
      const rows: Row[] = [];
      for (let k = first; k <= last; k++) {
        rows.push({ bucket: index.bounds[k], orders: measureValue(arrays, 'orders', k), revenue: measureValue(arrays, 'revenue', k) });
      }
      return { rows, meta };
    },
  });
}
