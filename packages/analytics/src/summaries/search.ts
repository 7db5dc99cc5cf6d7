import { NO_FILTER, type QueryResult, type Row } from '@clvkit/core';
import { search, searchResult } from '../analyses/search/search.js';
import { sortedSearchIndex, type SearchType } from '../analyses/search/search-sources.js';
import type { SearchIndex } from '../models/search/search-index.js';
import type { SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * `search` on a remote source: the same ranking (`searchResult`) over value lists the server
 * gives, indexed in the worker once per loaded source (`env.memo`), so a keystroke costs no
 * request. Products, promotions and dimension values are grouped aggregates (all values that
 * occur, as in memory); clients are the customer summaries' and the customers index's ids. Both
 * sides index the values sorted, so ties rank alike.
 */

/** The aggregate giving every value of a field (`table` lines for products). */
async function groupValues(env: SummaryEnv, field: string, table: 'sessions' | 'lines'): Promise<string[]> {
  const result: QueryResult = await env.query!({ spec: { kind: 'aggregate', table, groupBy: [{ field }], measures: [table === 'lines' ? 'lines' : 'sessions'] }, filter: NO_FILTER });
  return (result.rows as Row[]).map((row) => row[field]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Every value of `type` the data holds. */
async function valuesOf(env: SummaryEnv, type: SearchType): Promise<string[]> {
  switch (type) {
    case 'product':
      return groupValues(env, 'product', 'lines');
    case 'promotion':
      return groupValues(env, 'promotion_id', 'sessions');
    case 'dimension':
      return groupValues(env, 'dimension', 'sessions');
    case 'client': {
      const [summaries, customers] = await Promise.all([env.summaries(NO_FILTER), env.customers ? env.customers() : Promise.resolve([])]);
      const values = summaries.map((row) => row.client);
      const seen = new Set(values);
      for (const { client } of customers) if (!seen.has(client)) (seen.add(client), values.push(client));
      return values;
    }
  }
}

/** The search index of `type`, built once per loaded source when the env can keep it. */
function indexOf(env: SummaryEnv, type: SearchType): Promise<SearchIndex> {
  const build = async (own: SummaryEnv) => sortedSearchIndex(await valuesOf(own, type));
  return env.memo ? env.memo(`search:index:${type}`, build) : build(env);
}

/** `search` from server value lists (see above). */
export const searchSummary: SummaryAnalysis = {
  name: 'search',
  async run(request, env) {
    const params = search.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    if (!env.query) throw new TypeError('search needs the value lists of this data source, which it does not answer');
    const indices = new Map<SearchType, SearchIndex>();
    await Promise.all(params.types.map(async (type) => indices.set(type, await indexOf(env, type))));
    return searchResult(params, (type) => indices.get(type) ?? sortedSearchIndex([]));
  },
};
