import { MissingInputError, resolveField, type Row } from '@clvkit/core';
import { groupMeasures } from '../aggregate.js';
import { keyColumn } from '../group-keys.js';
import { ParamReader } from '../params.js';
import { defineAnalysis } from '../types.js';

export interface DimensionValuesParams {
  /** A string field of sessions or customers. Default `dimension`. */
  readonly field: string;
  /** Row order: by value ascending (stable while cross-filtering), or by orders / revenue descending. */
  readonly sort: 'value' | 'orders' | 'revenue';
}

/**
 * `dimension_values`: every value of a string field (default `dimension`) with
 * `{ value, orders, revenue }` over the sessions passing the filter, including values with no
 * orders under the filter (0), so a picker keeps offering every choice. orders = sessions with
 * has_purchased; revenue = Σ payment_amount of those orders. Sessions with no value are left
 * out. Sorted by `sort` (ties by value). meta: `{ field }`.
 */
export const dimensionValues = defineAnalysis<DimensionValuesParams>({
  name: 'dimension_values',
  description: 'Every value of a dimension with its orders and revenue (for pickers)',
  params: (raw) => {
    const read = new ParamReader('dimension_values', raw, ['field', 'sort']);
    return { field: read.string('field', 'dimension'), sort: read.oneOf('sort', ['value', 'orders', 'revenue'] as const, 'value') };
  },
  run(context, params) {
    const { dataset, derived } = context;
    if (params.field === 'dimension' && !dataset.sessions.columns.dimension) {
      throw new MissingInputError('dimension_values', 'a dimension column in sessions', 'map a dimension (region, store, channel, ...) in the sessions input');
    }
    const resolved = resolveField(dataset, params.field);
    if (resolved.def.type !== 'string' || (resolved.table !== 'sessions' && resolved.table !== 'customers')) {
      throw new TypeError(`dimension_values: params.field must be a string field of sessions or customers, "${params.field}" is a ${resolved.def.type} field of ${resolved.table}`);
    }
    const key = keyColumn(derived, 'sessions', { field: params.field }, 'value');
    const { arrays } = groupMeasures(derived, 'sessions', [key], ['orders', 'revenue'], [context.filter]);
    const orders = arrays.orders!;
    const revenue = arrays.revenue!;
    const slots = Array.from({ length: key.cardinality }, (_, s) => s);
    const text = (s: number) => key.value(s) as string;
    const byValue = (a: number, b: number) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);
    const by = params.sort === 'orders' ? orders : params.sort === 'revenue' ? revenue : null;
    slots.sort(by ? (a, b) => by[b] - by[a] || byValue(a, b) : byValue);
    const rows: Row[] = slots.map((s) => ({ value: text(s), orders: orders[s], revenue: revenue[s] }));
    return { rows, meta: { field: params.field } };
  },
});
