import type { StringColumn } from '@clvkit/core';
import type { AnalysisContext } from '../../types.js';
import { linesKept } from '../masks.js';
import { lineColumn } from './line-columns.js';

/**
 * The baskets of a basket analysis (product pairs, "bought with"): one per order (a session
 * with has_purchased) that has at least one basket line passing the context's filter, holding
 * the distinct products of those lines. Orders with more than `maxBasket` distinct products
 * are left out entirely (counted in `skipped`), so every count below is over the same baskets
 * and support, confidence and lift stay consistent; pair counting costs Σ k(k-1)/2 over
 * baskets of k products, which the cap bounds.
 */
export interface Baskets {
  /** Number of baskets (N, the denominator of support). */
  readonly count: number;
  /** Products of basket b: `products[starts[b]] .. products[starts[b + 1] - 1]` (distinct codes). */
  readonly starts: Int32Array;
  readonly products: Int32Array;
  /** Per product code, the number of baskets containing it. */
  readonly productOrders: Int32Array;
  /** Orders with more than `maxBasket` distinct products, left out. */
  readonly skipped: number;
  /** Product names by code. */
  readonly dictionary: readonly string[];
}

/**
 * Collects the baskets of the orders passing the filter (see `Baskets`). O(sessions + lines).
 * Without a filter they are built once per dataset and cap and shared by the basket analyses
 * (do not modify them).
 */
export function basketsOf(context: AnalysisContext, analysis: string, maxBasket: number): Baskets {
  const column = lineColumn(context, analysis, 'product');
  if (context.filter.predicates.length === 0) return context.derived.memo(`baskets:${maxBasket}`, () => collect(context, column, maxBasket));
  return collect(context, column, maxBasket);
}

function collect(context: AnalysisContext, column: StringColumn, maxBasket: number): Baskets {
  const codes = column.codes;
  const productCount = column.dictionary.length;
  const mask = linesKept(context);
  const purchased = context.derived.purchased();
  const { rows: lineRows, starts: lineStarts } = context.derived.linesOfOrders();
  const sessions = context.dataset.sessions.length;
  const lastBasket = new Int32Array(productCount).fill(-1);
  const productOrders = new Int32Array(productCount);
  const products = new Int32Array(lineRows.length);
  const starts = new Int32Array(sessions + 1);
  let count = 0;
  let end = 0;
  let skipped = 0;
  for (let o = 0; o < sessions; o++) {
    const from = lineStarts[o];
    const to = lineStarts[o + 1];
    if (from === to || purchased[o] === 0) continue;
    const begin = end;
    for (let k = from; k < to; k++) {
      const l = lineRows[k];
      if (mask !== null && mask[l] === 0) continue;
      const p = codes[l];
      if (p < 0 || lastBasket[p] === o) continue;
      lastBasket[p] = o;
      products[end++] = p;
    }
    if (end === begin) continue;
    if (end - begin > maxBasket) {
      end = begin;
      skipped++;
      continue;
    }
    for (let i = begin; i < end; i++) productOrders[products[i]]++;
    starts[++count] = end;
  }
  return { count, starts: starts.subarray(0, count + 1), products: products.subarray(0, end), productOrders, skipped, dictionary: column.dictionary };
}
