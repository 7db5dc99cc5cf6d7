import type { Filter, QueryResult, Row } from '@clvkit/core';
import { pageComposite } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { UnsupportedQueryError } from '../errors.js';
import { esField } from '../fields.js';
import { sessionsQuery } from '../filter.js';
import { planGroups, runGroups } from '../groups.js';

/**
 * Top basket-line values (most_ordered_products, most_ordered_categories) and the values of
 * a session dimension (dimension_values), pushed down as grouped measures: the same numbers
 * as analyses/top-line-values.ts and analyses/dimension-values.ts.
 */

/** Validated params of the top-values analyses (from the registry's own params reader). */
export interface TopParams {
  readonly limit: number;
  readonly metric: 'orders' | 'quantity' | 'revenue';
  readonly depth: number;
}

/**
 * `{ [field], orders, quantity, revenue }` per value of a line field among the lines passing
 * the filter: orders = distinct orders with such a line, quantity and revenue (price ×
 * quantity) over those lines of orders; values without an order left out; by `metric`
 * descending, ties by value; first `limit`. meta `{ metric, values }`.
 */
export async function topLineValues(env: QueryEnv, filter: Filter, field: 'product' | 'category', params: TopParams): Promise<QueryResult> {
  if (params.depth > 0) {
    throw new UnsupportedQueryError('analysis "most_ordered_categories" with depth', 'cutting category paths to a depth needs a script per line; use depth 0 (full paths) or the category_tree in the browser');
  }
  const plan = planGroups(env, { table: 'lines', groupBy: [{ field: `lines.${field}` }], names: [field], measures: ['orders', 'quantity', 'lineRevenue'], filters: [filter] });
  const groups = (await runGroups(env, plan)).filter((g) => g.keys[0] !== null && (g.values.orders ?? 0) > 0);
  const value = (g: (typeof groups)[number]) => (params.metric === 'orders' ? g.values.orders! : params.metric === 'quantity' ? g.values.quantity ?? 0 : g.values.lineRevenue ?? 0);
  groups.sort((a, b) => value(b) - value(a) || compareText(a.keys[0] as string, b.keys[0] as string));
  const rows: Row[] = groups.slice(0, params.limit).map((g) => ({ [field]: g.keys[0], orders: g.values.orders ?? 0, quantity: g.values.quantity ?? 0, revenue: g.values.lineRevenue ?? 0 }));
  return { rows, meta: { metric: params.metric, values: groups.length } };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Validated params of dimension_values. */
export interface DimensionValuesParams {
  readonly field: string;
  readonly sort: 'value' | 'orders' | 'revenue';
}

/**
 * Every value of a session string field (over the whole index, so a picker keeps every choice)
 * with orders and revenue under the filter. Customer fields are not in order documents: refused.
 */
export async function dimensionValues(env: QueryEnv, filter: Filter, params: DimensionValuesParams): Promise<QueryResult> {
  const field = esField(env.layout, params.field);
  if (field.table !== 'sessions' || field.type !== 'keyword') {
    throw new UnsupportedQueryError(`analysis "dimension_values" field "${params.field}"`, 'must be a string field of sessions on Elasticsearch');
  }
  const values: string[] = [];
  const body = (after?: Record<string, unknown>) => ({
    size: 0,
    query: sessionsQuery(env.layout, [], env.extraFilters),
    aggs: { values: { composite: { size: env.limits.compositePageSize, sources: [{ value: { terms: { field: field.path } } }], ...(after ? { after } : {}) } } },
  });
  await pageComposite(env, body, ['values'], (bucket) => {
    const v = (bucket.key as { value?: unknown } | undefined)?.value;
    if (v !== null && v !== undefined) values.push(String(v));
  });
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: params.field }], names: ['value'], measures: ['orders', 'revenue'], filters: [filter] });
  const groups = new Map((await runGroups(env, plan)).map((g) => [g.keys[0], g]));
  const orders = (v: string) => groups.get(v)?.values.orders ?? 0;
  const revenue = (v: string) => groups.get(v)?.values.revenue ?? 0;
  const by = params.sort === 'orders' ? orders : params.sort === 'revenue' ? revenue : null;
  values.sort(by ? (a, b) => by(b) - by(a) || compareText(a, b) : compareText);
  return { rows: values.map((value) => ({ value, orders: orders(value), revenue: revenue(value) })), meta: { field: params.field } };
}
