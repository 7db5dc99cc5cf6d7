import { MissingInputError, NO_FILTER, TABLE_LABELS, type Dataset, type Filter, type QueryResult } from '@clvkit/core';
import { createContext } from '../../src/context.js';
import { withDerivedFields } from '../../src/derived-fields.js';
import '../../src/customer-fields.js';
import { STATS_ANALYSES } from '../../src/analyses/stats/index.js';

/**
 * Runs one of the stats analyses the way `runAnalysis` does (derived fields, missing-table
 * check, params, context), without importing the whole registry, so these tests do not
 * depend on other groups' files. registry.test.ts checks they are registered.
 */
export function runStats(dataset: Dataset, name: string, params: Record<string, unknown> = {}, filter: Filter = NO_FILTER): Required<QueryResult> {
  const definition = STATS_ANALYSES.find((d) => d.name === name);
  if (!definition) throw new TypeError(`not a stats analysis: ${name}`);
  const enriched = withDerivedFields(dataset);
  for (const table of definition.tables ?? []) {
    if (!enriched[table]) throw new MissingInputError(name, TABLE_LABELS[table], `pass a ${table} table to the import`);
  }
  const validated = definition.params ? definition.params(params) : params;
  const result = definition.run(createContext(enriched, filter), validated);
  if ('then' in result) throw new Error(`${name} is long-running`);
  if (!result.meta) throw new Error(`${name} returned no meta`);
  return { ...result, meta: result.meta };
}
