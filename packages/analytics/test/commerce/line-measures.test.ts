import { describe, expect, it } from 'vitest';
import { interval, isIn, NO_FILTER, type Dataset, type Filter, type Row } from '@clvkit/core';
import { derivedColumns, runQuery } from '../../src/index.js';
import { buildDataset, type LineSpec, type SessionSpec } from '../helpers.js';
import { run } from './fixtures.js';
import { mulberry32 as random } from '../../src/random.js';

/**
 * The top-products analyses count their line measures in one dedicated pass (line-measures.ts).
 * Here they are checked against the plain aggregate on `table: 'lines'` (a separate code path:
 * group keys, row groups, measureLines) on a random shop with every awkward case: lines of
 * visits that are not orders, lines without a product or an order, missing prices and
 * quantities, orders without a start time, and lines stored in and out of order.
 */


function randomShop(seed: number, shuffled: boolean, orphans = true): Dataset {
  const next = random(seed);
  const sessions: SessionSpec[] = [];
  const lines: LineSpec[] = [];
  const noProduct: number[] = [];
  for (let o = 0; o < 300; o++) {
    const start = next() < 0.03 ? 'not a time' : new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 20 * 86_400_000)).toISOString();
    sessions.push({ id: `o${o}`, client: `c${o % 23}`, start, purchased: next() > 0.2, payment: 10, dimension: next() < 0.5 ? 'web' : 'app' });
    const size = Math.floor(next() * 5);
    for (let k = 0; k < size; k++) {
      if (next() < 0.05) noProduct.push(lines.length);
      const price = next() < 0.05 ? Number.NaN : Math.round(next() * 1000) / 7;
      const quantity = next() < 0.05 ? Number.NaN : 1 + Math.floor(next() * 3);
      lines.push({ order: orphans && next() < 0.02 ? 'no such order' : `o${o}`, product: `p${Math.floor(next() ** 2 * 25)}`, category: `cat${Math.floor(next() * 4)}/sub${Math.floor(next() * 3)}`, price, quantity });
    }
  }
  const order = lines.map((_, i) => i);
  if (shuffled) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
  }
  const dataset = buildDataset({ sessions, lines: order.map((i) => lines[i]) });
  const product = dataset.lines!.columns.product as { codes: Int32Array };
  order.forEach((from, to) => {
    if (noProduct.includes(from)) product.codes[to] = -1;
  });
  return dataset;
}

const FILTERS: Record<string, Filter> = {
  none: NO_FILTER,
  'a sessions clause': { mode: 'and', predicates: [isIn('dimension', ['web'])] },
  'a lines clause': { mode: 'and', predicates: [isIn('category', ['cat1/sub0', 'cat2/sub1', 'cat3/sub2'])] },
  'a time interval': { mode: 'and', predicates: [interval('session_start', Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 12))] },
};

function aggregate(dataset: Dataset, filter: Filter, spec: Record<string, unknown>): Row[] {
  return runQuery(dataset, { spec: { kind: 'aggregate', table: 'lines', measures: ['orders', 'quantity', 'lineRevenue'], ...spec } as never, filter }).rows;
}

/** How the random shop stores its lines: each layout takes another path of the analyses. */
const LAYOUTS = [
  { layout: 'in session order', shuffled: false, orphans: false },
  { layout: 'grouped by order, some without an order', shuffled: false, orphans: true },
  { layout: 'out of order', shuffled: true, orphans: true },
];

describe('top products and categories against the plain aggregate', () => {
  for (const { layout, shuffled, orphans } of LAYOUTS) {
    for (const [label, filter] of Object.entries(FILTERS)) {
      it(`most_ordered_products and most_ordered_categories, ${label}, lines ${layout}`, () => {
        const dataset = randomShop(shuffled ? 5 : 9, shuffled, orphans);
        for (const field of ['product', 'category'] as const) {
          const groups = aggregate(dataset, filter, { groupBy: [{ field }] }).filter((r) => r[field] !== null && (r.orders as number) > 0);
          for (const metric of ['orders', 'quantity', 'revenue'] as const) {
            const key = metric === 'revenue' ? 'lineRevenue' : metric;
            const expected = [...groups]
              .sort((a, b) => (b[key] as number) - (a[key] as number) || (String(a[field]) < String(b[field]) ? -1 : 1))
              .map((r) => ({ [field]: r[field], orders: r.orders, quantity: r.quantity, revenue: r.lineRevenue }));
            const name = field === 'product' ? 'most_ordered_products' : 'most_ordered_categories';
            const { rows, meta } = run(dataset, name, { metric, limit: 1000 }, filter);
            expect(rows).toEqual(expected);
            expect(meta.values).toBe(expected.length);
          }
        }
      });

      it(`daily_products_of_sales, ${label}, lines ${layout}`, () => {
        const dataset = randomShop(shuffled ? 6 : 10, shuffled, orphans);
        expect(derivedColumns(dataset).linesInSessionOrder()).toBe(!shuffled && !orphans);
        for (const limit of [3, 10, 1000]) {
          // The analysis as two plain aggregates: the top products by orders, then their days.
          const top = aggregate(dataset, filter, { groupBy: [{ field: 'product' }], measures: ['orders'], orderBy: { measure: 'orders', order: 'desc' }, limit });
          const products = top.map((row) => row.product).filter((p): p is string => typeof p === 'string');
          const rank = new Map(products.map((p, i) => [p, i]));
          const cells = aggregate(dataset, filter, { groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'product' }], where: [isIn('product', products)] });
          const expected = cells
            .map((row) => ({ bucket: row.session_start, product: row.product, orders: row.orders, quantity: row.quantity, revenue: row.lineRevenue }))
            .sort((a, b) => Number(a.bucket) - Number(b.bucket) || rank.get(String(a.product))! - rank.get(String(b.product))!);
          const { rows, meta } = run(dataset, 'daily_products_of_sales', { limit }, filter);
          expect(meta.products).toEqual(products);
          expect(rows).toEqual(expected);
        }
      });
    }
  }

  it('the random shop has the awkward cases it is meant to have', () => {
    const dataset = randomShop(9, false);
    const lines = dataset.lines!.columns;
    const start = (dataset.sessions.columns.session_start as { values: Float64Array }).values;
    expect((lines.product as { codes: Int32Array }).codes.some((c) => c < 0)).toBe(true);
    expect((lines.order as { rows: Int32Array }).rows.some((r) => r < 0)).toBe(true);
    expect((lines.price as { values: Float64Array }).values.some(Number.isNaN)).toBe(true);
    expect(start.some(Number.isNaN)).toBe(true);
  });
});
