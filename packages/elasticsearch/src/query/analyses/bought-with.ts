import { rankBoughtWith, type BoughtWithParams } from '@clvkit/analytics';
import type { Filter, QueryResult } from '@clvkit/core';
import { aggregationAt, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { QueryLimitError } from '../errors.js';
import { BASKET } from '../fields.js';
import { MATCH_ALL } from '../filter.js';
import { linesQuery } from '../groups.js';
import { count, purchasedClause } from '../measures.js';

/**
 * `bought_with` pushed down: baskets as in `most_combined_products` (the orders with a basket
 * line passing the filter, their lines passing it). One search counts N, the orders holding
 * each product (nested terms on basket.product -> reverse_nested) and, among the orders with a
 * passing line of product X, the orders holding each other product (a nested filter on X ->
 * nested terms -> reverse_nested); the ranking is the in-memory analysis's (`rankBoughtWith`).
 * Exact, with most_combined_products' one difference: no order is skipped for holding more
 * than `maxBasket` distinct products (skippedOrders 0). Products past `limits.maxBuckets` are
 * refused (QueryLimitError), never truncated.
 */

const PRODUCT = `${BASKET}.product`;

/** The `_search` body (no I/O). */
export function boughtWithBody(env: QueryEnv, filter: Filter, product: string): Record<string, unknown> {
  const { selection, top } = linesQuery(env, [filter]);
  const size = env.limits.maxBuckets;
  const line = selection.line ?? MATCH_ALL;
  const passingLines = (aggs: Record<string, unknown>) => ({ nested: { path: BASKET }, aggs: { passing: { filter: line, aggs } } });
  const products = { terms: { field: PRODUCT, size }, aggs: { orders: { reverse_nested: {} } } };
  return {
    size: 0,
    query: { bool: { filter: [...top, purchasedClause()] } },
    aggs: {
      baskets: { filter: MATCH_ALL },
      lines: passingLines({ products }),
      withX: {
        filter: { nested: { path: BASKET, query: { bool: { filter: [line, { term: { [PRODUCT]: product } }] } } } },
        aggs: { lines: passingLines({ products }) },
      },
    },
  };
}

interface TermsAgg {
  readonly buckets?: readonly { readonly key?: unknown; readonly orders?: unknown }[];
  readonly sum_other_doc_count?: number;
}

/** Runs `bought_with` (params validated by the registry's reader). */
export async function boughtWith(env: QueryEnv, filter: Filter, params: BoughtWithParams): Promise<QueryResult> {
  const response = await runSearch(env, boughtWithBody(env, filter, params.product));
  const all = aggregationAt(response, ['lines', 'passing', 'products']) as TermsAgg;
  const withX = aggregationAt(response, ['withX', 'lines', 'passing', 'products']) as TermsAgg;
  if ((all.sum_other_doc_count ?? 0) > 0 || (withX.sum_other_doc_count ?? 0) > 0) {
    throw new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'too many products to rank exactly: narrow the selection (a category, a period)');
  }
  const buckets = (all.buckets ?? []).filter((b) => typeof b.key === 'string');
  const dictionary = buckets.map((b) => b.key as string);
  const code = new Map(dictionary.map((name, i) => [name, i]));
  const together = new Int32Array(dictionary.length);
  for (const b of withX.buckets ?? []) {
    const y = code.get(b.key as string);
    if (y !== undefined && b.key !== params.product) together[y] = count(b.orders);
  }
  return rankBoughtWith({ baskets: count(aggregationAt(response, ['baskets'])), productOrders: Int32Array.from(buckets, (b) => count(b.orders)), dictionary, together, skipped: 0 }, params);
}
