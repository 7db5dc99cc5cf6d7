import type { Row } from '@clvkit/core';
import { keyColumn } from '../../group-keys.js';
import { ParamReader } from '../../params.js';
import type { BucketIndex } from '../../time-buckets.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { lineMeasures, lineMeasuresByColumn, type LineMeasures } from '../line-measures.js';
import { linesKept } from '../masks.js';
import { lineColumn } from './line-columns.js';
import { compareText } from './top-k.js';

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
    const column = lineColumn(context, 'daily_products_of_sales', 'product');
    const dictionary = column.dictionary;
    // The top products by orders, ties by name (the missing product last, then left out),
    // as an aggregate ordered by orders would rank them.
    const missing = dictionary.length;
    const { rows: present, orders: byProduct } = lineMeasuresByColumn(context, 'product', column.codes, missing);
    const ranked: number[] = [];
    for (let p = 0; p <= missing; p++) if (present[p] > 0) ranked.push(p);
    ranked.sort((a, b) => byProduct[b] - byProduct[a] || (a === missing ? 1 : b === missing ? -1 : compareText(dictionary[a], dictionary[b])));
    const top = ranked.slice(0, params.limit).filter((p) => p !== missing);
    const products = top.map((p) => dictionary[p]);
    if (products.length === 0) return { rows: [], meta: { unit: 'day', products } };
    // Per line of a top product, its (day of its order, product rank) slot; the day of an
    // order without a time is the slot after the last day.
    const rankOf = new Int32Array(missing).fill(-1);
    top.forEach((p, r) => (rankOf[p] = r));
    const days = context.derived.buckets('sessions', 'session_start', 'day');
    const width = top.length;
    const cells = context.derived.linesInSessionOrder() ? cellsBySession(context, column.codes, rankOf, width, days) : cellsByLine(context, column.codes, rankOf, width, days);
    const { orders, quantity, lineRevenue } = cells;
    const rows: Row[] = [];
    for (let slot = 0; slot < orders.length; slot++) {
      if (cells.rows[slot] === 0) continue;
      const d = Math.floor(slot / width);
      rows.push({ bucket: d < days.count ? days.bounds[d] : null, product: products[slot % width], orders: orders[slot], quantity: quantity[slot], revenue: lineRevenue[slot] });
    }
    // Days in time order (an order without a time first, as Number(null) is 0), then by rank.
    rows.sort((a, b) => Number(a.bucket) - Number(b.bucket));
    return { rows, meta: { unit: 'day', products } };
  },
});

/**
 * The (day, product rank) cells from the lines: each line's slot from its order's day, then
 * `lineMeasures` (any storage order of the lines).
 */
function cellsByLine(context: AnalysisContext, codes: Int32Array, rankOf: Int32Array, width: number, days: BucketIndex): LineMeasures {
  const lineDays = keyColumn(context.derived, 'lines', { field: 'session_start', bucket: 'day' }, 'bucket').codes;
  const slotOf = new Int32Array(codes.length);
  for (let l = 0; l < slotOf.length; l++) {
    const p = codes[l];
    const r = p >= 0 ? rankOf[p] : -1;
    const d = lineDays[l];
    slotOf[l] = r < 0 ? -1 : (d < 0 ? days.count : d) * width + r;
  }
  return lineMeasures(context, slotOf, (days.count + 1) * width, -1);
}

/**
 * The same cells when the lines are stored session by session (`linesInSessionOrder`): a walk
 * over the sessions reads each order's day once and its lines in storage order, so every sum
 * is added in the same order as `cellsByLine` adds it, without a per-line day or slot array.
 */
function cellsBySession(context: AnalysisContext, codes: Int32Array, rankOf: Int32Array, width: number, days: BucketIndex): LineMeasures {
  const { derived } = context;
  const slots = (days.count + 1) * width;
  const rows = new Int32Array(slots);
  const orders = new Float64Array(slots);
  const quantity = new Float64Array(slots);
  const lineRevenue = new Float64Array(slots);
  const lastOrder = new Int32Array(slots).fill(-1);
  const mask = linesKept(context);
  const purchased = derived.purchased();
  const qty = derived.numbers('lines', 'quantity', 1);
  const price = derived.numbers('lines', 'price', 0);
  const { starts } = derived.linesOfOrders();
  const dayOf = days.codes;
  for (let o = 0; o < purchased.length; o++) {
    const from = starts[o];
    const to = starts[o + 1];
    if (from === to) continue;
    const d = dayOf[o];
    const base = (d < 0 ? days.count : d) * width;
    const bought = purchased[o] !== 0;
    for (let l = from; l < to; l++) {
      if (mask !== null && mask[l] === 0) continue;
      const p = codes[l];
      const r = p >= 0 ? rankOf[p] : -1;
      if (r < 0) continue;
      const g = base + r;
      rows[g]++;
      if (lastOrder[g] !== o) {
        lastOrder[g] = o;
        if (bought) orders[g]++;
      }
      if (!bought) continue;
      const q = qty[l] === qty[l] ? qty[l] : 1;
      const v = price[l] === price[l] ? price[l] : 0;
      quantity[g] += q;
      lineRevenue[g] += v * q;
    }
  }
  return { rows, orders, quantity, lineRevenue };
}
