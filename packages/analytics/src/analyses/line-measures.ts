import type { AnalysisContext } from '../types.js';
import { linesKept } from './masks.js';

/** Per group slot, the line measures of the plain aggregate on `table: 'lines'`. */
export interface LineMeasures {
  /** Lines in the slot (of any session, with or without an order): the aggregate's group size. */
  readonly rows: Int32Array;
  /** Distinct orders (sessions with has_purchased) with a line in the slot. */
  readonly orders: Float64Array;
  /** Σ quantity (missing = 1) of the lines of orders in the slot. */
  readonly quantity: Float64Array;
  /** Σ price (missing = 0) × quantity of those lines. */
  readonly lineRevenue: Float64Array;
}

/**
 * `orders`, `quantity` and `lineRevenue` of the basket lines passing the context's filter,
 * grouped by a per-line code: a line with `codes[l] >= 0` goes to slot `codes[l]`, one with a
 * negative code to slot `missing` (or nowhere when `missing` is negative).
 *
 * The same numbers as `context.aggregate({ table: 'lines', groupBy, measures })` bit for bit
 * (sums added in line order, orders counted once per order), in one pass over the lines and
 * without the aggregate's per-row group and row arrays: the top-products analyses group three
 * million lines and read nothing else.
 */
export function lineMeasures(context: AnalysisContext, codes: Int32Array, slots: number, missing: number): LineMeasures {
  return measure(context, linesKept(context), codes, slots, missing);
}

/**
 * `lineMeasures` of the basket lines by a string column of lines (`product`, `category`), a
 * missing value in the last slot (the column's cardinality). Without a filter they are
 * computed once per dataset and shared (top products, their daily sales); do not modify them.
 */
export function lineMeasuresByColumn(context: AnalysisContext, column: string, codes: Int32Array, cardinality: number): LineMeasures {
  const mask = linesKept(context);
  if (mask !== null) return measure(context, mask, codes, cardinality + 1, cardinality);
  return context.derived.memo(`lineMeasures:${column}`, () => measure(context, null, codes, cardinality + 1, cardinality));
}

function measure(context: AnalysisContext, mask: Uint8Array | null, codes: Int32Array, slots: number, missing: number): LineMeasures {
  const { derived } = context;
  const purchased = derived.purchased();
  const orderOf = derived.lineOrders();
  const qty = derived.numbers('lines', 'quantity', 1);
  const price = derived.numbers('lines', 'price', 0);
  const rows = new Int32Array(slots);
  const orders = new Float64Array(slots);
  const quantity = new Float64Array(slots);
  const lineRevenue = new Float64Array(slots);
  const n = codes.length;
  const lastOrder = new Int32Array(slots).fill(-1);
  const grouped = derived.linesGroupedByOrder();
  for (let l = 0; l < n; l++) {
    if (mask !== null && mask[l] === 0) continue;
    const c = codes[l];
    const g = c >= 0 ? c : missing;
    if (g < 0) continue;
    rows[g]++;
    const o = orderOf[l];
    if (o < 0) continue;
    // Lines stored order by order: an order is counted at its first line in the slot.
    if (grouped && lastOrder[g] !== o) {
      lastOrder[g] = o;
      if (purchased[o] !== 0) orders[g]++;
    }
    if (purchased[o] === 0) continue;
    const q = qty[l] === qty[l] ? qty[l] : 1;
    const p = price[l] === price[l] ? price[l] : 0;
    quantity[g] += q;
    lineRevenue[g] += p * q;
  }
  if (!grouped) {
    // Otherwise through the lines-by-order index, so each order's lines come together.
    const visit = derived.linesByOrder();
    for (let k = 0; k < visit.length; k++) {
      const l = visit[k];
      if (mask !== null && mask[l] === 0) continue;
      const c = codes[l];
      const g = c >= 0 ? c : missing;
      if (g < 0) continue;
      const o = orderOf[l];
      if (o < 0 || lastOrder[g] === o) continue;
      lastOrder[g] = o;
      if (purchased[o] !== 0) orders[g]++;
    }
  }
  return { rows, orders, quantity, lineRevenue };
}
