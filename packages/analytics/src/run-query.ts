import { MissingInputError, NO_FILTER, TABLE_LABELS, type Dataset, type Filter, type QueryRequest, type QueryResult } from '@clvkit/core';
import { runAggregate } from './aggregate.js';
import { createContext } from './context.js';
import { getAnalysis, reportNames } from './registry.js';
import { withDerivedFields } from './derived-fields.js';

/**
 * Runs a query (a plain aggregate or a named analysis) against `dataset` under the request's
 * filter. Synchronous and pure: the same dataset, spec and filter give the same rows.
 * @throws MissingInputError when the analysis needs a table the dataset lacks;
 * UnknownFieldError for unknown fields; TypeError for malformed specs or params.
 */
export function runQuery(source: Dataset, request: QueryRequest): QueryResult {
  const dataset = withDerivedFields(source);
  const spec = request?.spec;
  const filter = request?.filter ?? NO_FILTER;
  switch (spec?.kind) {
    case 'aggregate':
      return runAggregate(dataset, spec, filter);
    case 'analysis':
      return runAnalysis(dataset, spec.name, spec.params ?? {}, filter);
    default:
      throw new TypeError(`runQuery: spec.kind must be "aggregate" or "analysis", got ${JSON.stringify((spec as { kind?: unknown } | undefined)?.kind)}`);
  }
}

/** Runs the registered analysis `name` with `params` under `filter`. */
export function runAnalysis(source: Dataset, name: string, params: Readonly<Record<string, unknown>> = {}, filter: Filter = NO_FILTER): QueryResult {
  const dataset = withDerivedFields(source);
  const definition = getAnalysis(name);
  if (!definition) throw new TypeError(`Unknown analysis "${name}". Registered: ${reportNames().join(', ')}`);
  for (const table of definition.tables ?? []) {
    if (!dataset[table]) throw new MissingInputError(name, TABLE_LABELS[table], `pass a ${table} table to the import`);
  }
  const validated = definition.params ? definition.params(params) : params;
  return definition.run(createContext(dataset, filter), validated);
}
