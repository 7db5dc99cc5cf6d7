import { isIn, prefix, present, type Filter, type QueryResult, type Row } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { planGroups, runGroups, type Group } from '../groups.js';

/**
 * `category_tree` pushed down, one level of the drill-down under `path`:
 * 1. the full categories under `path` with lines of orders (a lines search grouped by category)
 *    name the children (next path segment) and whether they go deeper;
 * 2. each child's distinct orders, quantity and revenue come from its own ungrouped lines search
 *    under `prefix(category, child)` (distinct orders of sub-categories do not add up);
 * 3. the products of lines exactly at `path`, grouped by product;
 * 4. the totals of every line under `path`.
 * Lines always carry a product in order documents, so a child with lines has children.
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Child {
  readonly kind: 'category' | 'product';
  readonly name: string;
  readonly category: string;
  readonly product: string | null;
  readonly orders: number;
  readonly quantity: number;
  readonly revenue: number;
  readonly hasChildren: boolean;
  readonly order: number;
}

async function lineTotals(env: QueryEnv, filters: Filter[]): Promise<Group | undefined> {
  return (await runGroups(env, planGroups(env, { table: 'lines', groupBy: [], names: [], measures: ['orders', 'quantity', 'lineRevenue'], filters })))[0];
}

/** Runs `category_tree` with validated params. */
export async function categoryTree(env: QueryEnv, filter: Filter, params: { path: string; metric: 'orders' | 'quantity' | 'revenue'; limit: number }): Promise<QueryResult> {
  const { path, metric, limit } = params;
  const under: Filter = { mode: 'and', predicates: [path === '' ? present('lines.category') : prefix('lines.category', [path])] };
  const categories = await runGroups(env, planGroups(env, { table: 'lines', groupBy: [{ field: 'lines.category' }], names: ['category'], measures: ['lines'], filters: [filter, under] }));
  const childOrder: string[] = [];
  const names = new Map<string, string>();
  for (const g of categories) {
    const category = g.keys[0];
    if (typeof category !== 'string' || category === path || (g.values.lines ?? 0) === 0) continue;
    const below = path === '' ? category : category.slice(path.length + 1);
    const name = below.includes('/') ? below.slice(0, below.indexOf('/')) : below;
    const childPath = path === '' ? name : `${path}/${name}`;
    if (!names.has(childPath)) {
      names.set(childPath, name);
      childOrder.push(childPath);
    }
  }
  const children: Child[] = [];
  for (const [order, childPath] of childOrder.entries()) {
    const g = await lineTotals(env, [filter, { mode: 'and', predicates: [prefix('lines.category', [childPath])] }]);
    if (!g || (g.values.orders ?? 0) === 0) continue;
    children.push({ kind: 'category', name: names.get(childPath)!, category: childPath, product: null, orders: g.values.orders ?? 0, quantity: g.values.quantity ?? 0, revenue: g.values.lineRevenue ?? 0, hasChildren: true, order });
  }
  if (path !== '') {
    const plan = planGroups(env, { table: 'lines', groupBy: [{ field: 'lines.product' }], names: ['product'], measures: ['orders', 'quantity', 'lineRevenue'], filters: [filter, { mode: 'and', predicates: [isIn('lines.category', [path])] }] });
    for (const g of await runGroups(env, plan)) {
      if (typeof g.keys[0] !== 'string' || (g.values.orders ?? 0) === 0) continue;
      children.push({ kind: 'product', name: g.keys[0], category: path, product: g.keys[0], orders: g.values.orders ?? 0, quantity: g.values.quantity ?? 0, revenue: g.values.lineRevenue ?? 0, hasChildren: false, order: childOrder.length });
    }
  }
  const value = (c: Child) => (metric === 'quantity' ? c.quantity : metric === 'revenue' ? c.revenue : c.orders);
  children.sort((a, b) => value(b) - value(a) || compareText(a.name, b.name) || a.order - b.order);
  const rows: Row[] = children.slice(0, limit).map((c) => ({ name: c.name, kind: c.kind, category: c.category, product: c.product, orders: c.orders, quantity: c.quantity, revenue: c.revenue, hasChildren: c.hasChildren }));
  const t = await lineTotals(env, [filter, under]);
  const total = { orders: t?.values.orders ?? 0, quantity: t?.values.quantity ?? 0, revenue: t?.values.lineRevenue ?? 0 };
  const parent = path === '' ? null : path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  return { rows, meta: { path, parent, metric, children: children.length, total } };
}
