import { rankCombinedPairs, type MostCombinedProductsParams } from '@clvkit/analytics';
import type { Filter, QueryResult } from '@clvkit/core';
import { aggregationAt, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { QueryLimitError } from '../errors.js';
import { BASKET } from '../fields.js';
import { MATCH_ALL } from '../filter.js';
import { linesQuery } from '../groups.js';
import { count, purchasedClause } from '../measures.js';

/**
 * `most_combined_products` pushed down: the baskets are the orders with a basket line passing
 * the filter (their lines passing it), as in memory. One search counts, with nested
 * aggregations, N (the orders matched), per product the orders holding it (nested terms on
 * basket.product -> reverse_nested) and per pair the orders holding both (-> nested terms on
 * basket.product again -> reverse_nested); the ranking and statistics are the in-memory
 * analysis's own (`rankCombinedPairs`).
 *
 * Exact, with one documented difference: an order with more than `maxBasket` distinct products
 * cannot be told apart without a script, so none is left out (skippedOrders 0); the rows equal
 * the in-memory ones whenever no order passing the filter has more than maxBasket (100)
 * distinct products. Terms sizes come from `limits.maxBuckets`; a shop whose products or pairs
 * do not fit is refused (QueryLimitError) rather than answered from a truncated list.
 */

const PRODUCT = `${BASKET}.product`;

/** The `_search` body (no I/O): products, and for each the products bought with it, over the lines passing the filter. */
export function mostCombinedBody(env: QueryEnv, filter: Filter): Record<string, unknown> {
  const { selection, top } = linesQuery(env, [filter]);
  const size = env.limits.maxBuckets;
  const passingLines = (aggs: Record<string, unknown>) => ({ nested: { path: BASKET }, aggs: { passing: { filter: selection.line ?? MATCH_ALL, aggs } } });
  const orders = { orders: { reverse_nested: {} } };
  return {
    size: 0,
    query: { bool: { filter: [...top, purchasedClause()] } },
    aggs: {
      baskets: { filter: MATCH_ALL },
      lines: passingLines({
        products: {
          terms: { field: PRODUCT, size },
          aggs: { orders: { reverse_nested: {}, aggs: { lines: passingLines({ with: { terms: { field: PRODUCT, size }, aggs: orders } }) } } },
        },
      }),
    },
  };
}

interface TermsBucket {
  readonly key?: unknown;
  readonly orders?: { readonly doc_count?: number; readonly lines?: { readonly passing?: { readonly with?: TermsAgg } } };
}
interface TermsAgg {
  readonly buckets?: readonly TermsBucket[];
  readonly sum_other_doc_count?: number;
}

/** Runs `most_combined_products` (params validated by the registry's reader). */
export async function mostCombined(env: QueryEnv, filter: Filter, params: MostCombinedProductsParams): Promise<QueryResult> {
  const response = await runSearch(env, mostCombinedBody(env, filter));
  const baskets = count(aggregationAt(response, ['baskets']));
  const products = aggregationAt(response, ['lines', 'passing', 'products']) as TermsAgg;
  const tooMany = () => new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'too many products or product pairs to rank exactly: narrow the selection (a category, a period)');
  if ((products.sum_other_doc_count ?? 0) > 0) throw tooMany();
  const outer = (products.buckets ?? []).filter((b) => typeof b.key === 'string');
  const dictionary = outer.map((b) => b.key as string);
  const code = new Map(dictionary.map((name, i) => [name, i]));
  const productOrders = Int32Array.from(outer, (b) => count(b.orders));
  let buckets = outer.length;
  const pairs: [number, number, number][] = [];
  outer.forEach((b, a) => {
    const inner = b.orders?.lines?.passing?.with ?? {};
    if ((inner.sum_other_doc_count ?? 0) > 0) throw tooMany();
    for (const w of inner.buckets ?? []) {
      if (++buckets > env.limits.maxBuckets) throw tooMany();
      const other = code.get(w.key as string);
      const both = count(w.orders);
      // Each pair is listed under both of its products: keep it once, under the lower code.
      if (other !== undefined && other > a && both > 0) pairs.push([a, other, both]);
    }
  });
  return rankCombinedPairs({ baskets, productOrders, dictionary, skipped: 0, forEachPair: (visit) => pairs.forEach(([a, b, n]) => visit(a, b, n)) }, params);
}
