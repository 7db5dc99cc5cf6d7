import { MissingInputError, type Row } from '@clvkit/core';
import { lookup, type DerivedColumns } from '../derived.js';
import { keyColumn, type KeyColumn } from '../group-keys.js';
import { ParamReader } from '../params.js';
import { defineAnalysis, type AnalysisDefinition } from '../types.js';
import { lineMeasures, lineMeasuresByColumn } from './line-measures.js';

/** What the top list ranks by. */
export type TopMetric = 'orders' | 'quantity' | 'revenue';

export interface TopParams {
  readonly limit: number;
  readonly metric: TopMetric;
  /** Categories only: cut "a/b/c" paths to this many levels (0 = the full path). */
  readonly depth: number;
}

/**
 * The top values of a basket-line field (`product` or `category`) among the lines passing the
 * filter, one row `{ [field], orders, quantity, revenue }` per value, where orders = distinct
 * orders (sessions with has_purchased) with such a line, quantity = Σ line quantity, revenue =
 * Σ price × quantity of those lines (not the whole basket). Only lines of orders count; values
 * without an order and lines with no value are left out. Sorted by `metric` descending, ties
 * by value ascending; first `limit` rows. meta: `{ metric, values }` (values = how many there
 * were before the limit).
 */
export function topLineValues(name: string, field: 'product' | 'category'): AnalysisDefinition<TopParams> {
  const known = field === 'category' ? ['limit', 'metric', 'depth'] : ['limit', 'metric'];
  return defineAnalysis({
    name,
    description: `Top ${field === 'product' ? 'products' : 'categories'} by orders containing them, quantity or line revenue`,
    tables: ['lines'],
    params: (raw) => {
      const read = new ParamReader(name, raw, known);
      return {
        limit: read.integer('limit', 1, 100_000, 10),
        metric: read.oneOf<TopMetric>('metric', ['orders', 'quantity', 'revenue'], 'orders'),
        depth: field === 'category' ? read.integer('depth', 0, 1000, 0) : 0,
      };
    },
    run(context, params) {
      const column = context.dataset.lines!.columns[field];
      if (!column || column.type !== 'string') {
        throw new MissingInputError(name, `a ${field} column in basket lines`, `map the ${field} field of the basket lines`);
      }
      const key = params.depth > 0 ? pathKey(context.derived, field, params.depth) : keyColumn(context.derived, 'lines', { field: `lines.${field}` }, field);
      // Lines without a value are left out (the missing slot, after the values, is not read).
      const { orders, quantity, lineRevenue: revenue } =
        params.depth > 0 ? lineMeasures(context, key.codes, key.cardinality, -1) : lineMeasuresByColumn(context, field, key.codes, key.cardinality);
      const slots: number[] = [];
      for (let s = 0; s < key.cardinality; s++) if (orders[s] > 0) slots.push(s);
      const by = params.metric === 'orders' ? orders : params.metric === 'quantity' ? quantity : revenue;
      slots.sort((a, b) => by[b] - by[a] || compareText(key.value(a) as string, key.value(b) as string));
      const rows: Row[] = slots.slice(0, params.limit).map((s) => ({ [field]: key.value(s), orders: orders[s], quantity: quantity[s], revenue: revenue[s] }));
      return { rows, meta: { metric: params.metric, values: slots.length } };
    },
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key of the first `depth` levels of a "/"-separated path column of basket lines. */
function pathKey(derived: DerivedColumns, field: string, depth: number): KeyColumn {
  const { codes, dictionary } = derived.memo(`path:${field}:${depth}`, () => {
    const column = derived.dataset.lines!.columns[field];
    if (column.type !== 'string') throw new TypeError(`lines.${field} is not a string column`);
    const index = new Map<string, number>();
    const dictionary: string[] = [];
    const toCut = Int32Array.from(column.dictionary, (path) => {
      const cut = path.split('/').slice(0, depth).join('/');
      let code = index.get(cut);
      if (code === undefined) {
        code = dictionary.length;
        index.set(cut, code);
        dictionary.push(cut);
      }
      return code;
    });
    return { codes: lookup(column.codes, toCut), dictionary };
  });
  return { name: field, kind: 'string', codes, cardinality: dictionary.length, value: (code) => dictionary[code] };
}
