import { isIn } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';

/**
 * `daily_products_of_sales` (seed report name): daily sales of the top products. The top
 * `limit` products (default 10) by orders containing them over the filter, then per day and
 * product `{ bucket, product, orders, quantity, revenue }` for every (day, product) with a sale:
 * orders = distinct orders with a line of the product, quantity = Σ line quantity, revenue =
 * Σ price × quantity of those lines (not the whole basket). Only purchased orders count.
 * meta: `{ unit: 'day', products }` (the top products, best first).
 */
export const dailyProductsOfSales = defineAnalysis({
  name: 'daily_products_of_sales',
  description: 'Orders, quantity and revenue per day of the top products',
  tables: ['lines'],
  params: (raw) => {
    const read = new ParamReader('daily_products_of_sales', raw, ['limit']);
    return { limit: read.integer('limit', 1, 1000, 10) };
  },
  run(context, params) {
    const top = context.aggregate({ kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders'], orderBy: { measure: 'orders', order: 'desc' }, limit: params.limit });
    const products = top.rows.map((row) => row.product).filter((p): p is string => typeof p === 'string');
    if (products.length === 0) return { rows: [], meta: { unit: 'day', products } };
    const { rows } = context.aggregate({
      kind: 'aggregate',
      table: 'lines',
      groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'product' }],
      measures: ['orders', 'quantity', 'lineRevenue'],
      where: [isIn('product', products)],
    });
    const rank = new Map(products.map((p, i) => [p, i]));
    const out = rows
      .map((row) => ({ bucket: row.session_start, product: row.product, orders: row.orders, quantity: row.quantity, revenue: row.lineRevenue }))
      .sort((a, b) => Number(a.bucket) - Number(b.bucket) || rank.get(String(a.product))! - rank.get(String(b.product))!);
    return { rows: out, meta: { unit: 'day', products } };
  },
});
