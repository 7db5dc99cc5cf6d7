import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { normalizeText } from '../../models/search/normalize.js';
import type { QueryResult } from '@clvkit/core';
import { searchIndex, type SearchIndex } from '../../models/search/search-index.js';
import { SEARCH_TYPES, searchIndexOf, type SearchType } from './search-sources.js';

/** Parameters of `search`. */
export interface SearchParams {
  readonly query: string;
  readonly limit: number;
  readonly types: readonly SearchType[];
}

/**
 * `search`: products, clients, promotions and dimension values most similar to `query`.
 *
 * Similarity (see `diceSimilarity`): both texts normalised (accents and case removed, ß → ss …,
 * whitespace collapsed); 1 for an exact normalised match, else the Sørensen–Dice coefficient of
 * their character-bigram multisets, 2 × |common bigrams| / (|bigrams of query| + |bigrams of
 * value|) ("night" vs "nacht": 2 × 1 / (4 + 4) = 0.25). Values scoring 0 are dropped.
 * Candidates: the distinct values of `lines.product`, `sessions.client` ∪ `customers.client`,
 * `sessions.promotion_id` and `sessions.dimension` that occur in some row, indexed once per
 * dataset (inverted bigram index). The search looks at the whole dataset: the filter does not
 * hide entities (a search box finds what exists; the entity view then applies the selection).
 *
 * Params: `{ query (required), limit? = 10 (1..1000), types? = all four }`.
 * Rows, best first across all types (ties: the shorter value, then product, client, promotion,
 * dimension, then value order): `{ type, value, score }`. meta: `{ query, normalized, types }`.
 */
export const search = defineAnalysis<SearchParams>({
  name: 'search',
  description: 'Products, clients, promotions and dimension values most similar to a query (character-bigram Dice)',
  params: (raw) => {
    const read = new ParamReader('search', raw, ['query', 'limit', 'types']);
    if (raw?.query === undefined) throw new TypeError('search: params.query is required (the text to look for)');
    return { query: read.string('query', ''), limit: read.integer('limit', 1, 1000, 10), types: readTypes(raw.types) };
  },
  run(context, params) {
    return searchResult(params, (type) => searchIndexOf(context.derived, type));
  },
});

/**
 * The rows and meta of `search` over the value index of each type (the ranking both the
 * in-memory analysis and a remote source's worker use).
 */
export function searchResult({ query, limit, types }: SearchParams, indexOf: (type: SearchType) => SearchIndex): QueryResult {
  const hits: { type: SearchType; typeOrder: number; value: string; score: number; length: number }[] = [];
  for (const type of types) {
    const index = indexOf(type);
    for (const hit of searchIndex(index, query, limit)) {
      hits.push({ type, typeOrder: SEARCH_TYPES.indexOf(type), value: hit.value, score: hit.score, length: index.normalized[hit.index].length });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.length - b.length || a.typeOrder - b.typeOrder || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const rows = hits.slice(0, limit).map(({ type, value, score }) => ({ type, value, score }));
  return { rows, meta: { query, normalized: normalizeText(query), types } };
}

function readTypes(value: unknown): readonly SearchType[] {
  if (value === undefined) return SEARCH_TYPES;
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => SEARCH_TYPES.includes(t as SearchType))) {
    throw new TypeError(`search: params.types must be a non-empty array of ${SEARCH_TYPES.map((t) => `"${t}"`).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return SEARCH_TYPES.filter((t) => value.includes(t));
}
