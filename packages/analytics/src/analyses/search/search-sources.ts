/**
 * The values the search looks through, per type, indexed once per dataset (DerivedColumns memo).
 */
import type { Column, Dataset } from '@clvkit/core';
import type { DerivedColumns } from '../../derived.js';
import { buildSearchIndex, type SearchIndex } from '../../models/search/search-index.js';

/** What a search result is. */
export type SearchType = 'product' | 'client' | 'promotion' | 'dimension';

/** Every search type, in the order ties are listed. */
export const SEARCH_TYPES: readonly SearchType[] = ['product', 'client', 'promotion', 'dimension'];

/**
 * The distinct values of a type: products of the basket lines (`lines.product`), clients of the
 * sessions and of the customers table (`sessions.client` ∪ `customers.client`), promotions
 * (`sessions.promotion_id`), dimension values (`sessions.dimension`). Only values that occur in
 * a row; a missing table or column gives none. (Indexed sorted, see `sortedSearchIndex`.)
 */
export function searchValues(dataset: Dataset, type: SearchType): string[] {
  switch (type) {
    case 'product':
      return usedValues(dataset.lines?.columns.product);
    case 'client': {
      const values = usedValues(dataset.sessions.columns.client);
      const seen = new Set(values);
      for (const value of usedValues(dataset.customers?.columns.client)) if (!seen.has(value)) values.push(value);
      return values;
    }
    case 'promotion':
      return usedValues(dataset.sessions.columns.promotion_id);
    case 'dimension':
      return usedValues(dataset.sessions.columns.dimension);
  }
}

/** The search index of a type for a dataset, built on first use and cached with the dataset. */
export function searchIndexOf(derived: DerivedColumns, type: SearchType): SearchIndex {
  return derived.memo(`search:index:${type}`, () => sortedSearchIndex(searchValues(derived.dataset, type)));
}

/**
 * The search index of `values` in code-unit order: ties between equal scores and lengths then
 * fall in value order whatever order the values came in (rows of a dataset, or the sorted lists
 * a remote source gives), so every source ranks alike.
 */
export function sortedSearchIndex(values: readonly string[]): SearchIndex {
  return buildSearchIndex([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The dictionary entries of a string column that some row uses, in dictionary order. */
function usedValues(column: Column | undefined): string[] {
  if (!column || column.type !== 'string') return [];
  const used = new Uint8Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i];
    if (code >= 0) used[code] = 1;
  }
  return column.dictionary.filter((_, code) => used[code] === 1);
}
