import { MissingInputError, NO_FILTER, TABLE_LABELS, type Dataset, type Filter, type QueryRequest, type QueryResult } from '@clvkit/core';
import { runAggregate } from './aggregate.js';
import { createContext } from './context.js';
import { getAnalysis, reportNames } from './registry.js';
import { withDerivedFields } from './derived-fields.js';
import type { AnalysisDefinition, RunOptions } from './types.js';
import { withActivation, type ActivatedField } from './crossfilter/activation.js';

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

/**
 * Runs the registered analysis `name` with `params` under `filter`, synchronously.
 * @throws TypeError for a long analysis (model fits, autoencoders): use `runAnalysisAsync`.
 */
export function runAnalysis(source: Dataset, name: string, params: Readonly<Record<string, unknown>> = {}, filter: Filter = NO_FILTER): QueryResult {
  const { dataset, definition, validated } = prepare(source, name, params);
  if (definition.long) throw new TypeError(`Analysis "${name}" is long-running (it trains or fits a model): call runQueryAsync / runAnalysisAsync, or the engine`);
  const result = definition.run(createContext(dataset, filter), validated);
  if (isPromise(result)) throw new TypeError(`Analysis "${name}" returned a Promise: declare it \`long: true\``);
  return result;
}

/**
 * Runs a query like `runQuery`, but also runs long analyses: they report progress through
 * `options.onProgress` and reject with an `AbortError` when `options.signal` aborts.
 */
export async function runQueryAsync(source: Dataset, request: QueryRequest, options: RunOptions = {}): Promise<QueryResult> {
  const spec = request?.spec;
  if (spec?.kind !== 'analysis') return runQuery(source, request);
  return runAnalysisAsync(source, spec.name, spec.params ?? {}, request.filter ?? NO_FILTER, options);
}

/** Runs the registered analysis `name`, long or not (see `runQueryAsync`). */
export async function runAnalysisAsync(
  source: Dataset,
  name: string,
  params: Readonly<Record<string, unknown>> = {},
  filter: Filter = NO_FILTER,
  options: RunOptions = {},
): Promise<QueryResult> {
  const { dataset, definition, validated } = prepare(source, name, params);
  return definition.run(createContext(dataset, filter, options), validated);
}

function prepare(source: Dataset, name: string, params: Readonly<Record<string, unknown>>): { dataset: Dataset; definition: AnalysisDefinition<unknown>; validated: unknown } {
  const dataset = withDerivedFields(source);
  const definition = getAnalysis(name);
  if (!definition) throw new TypeError(`Unknown analysis "${name}". Registered: ${reportNames().join(', ')}`);
  for (const table of definition.tables ?? []) {
    if (!dataset[table]) throw new MissingInputError(name, TABLE_LABELS[table], `pass a ${table} table to the import`);
  }
  return { dataset, definition, validated: definition.params ? definition.params(params) : params };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Prepares `request` for a clause the user is about to make on `activation.field` (the chart
 * under the pointer or focus, see `Selection.activate`): builds the cubes that will answer it
 * from pre-aggregates when that clause arrives, over the request's filter as it is now. Runs
 * plain aggregates and analyses declared `prefetch: true`; returns whether anything was run.
 * Never throws: a prefetch is a hint, and its failure shows up again in the real query.
 */
export function prefetchQuery(source: Dataset, request: QueryRequest, activation: ActivatedField): boolean {
  const spec = request?.spec;
  if (spec?.kind === 'analysis' && getAnalysis(spec.name)?.prefetch !== true) return false;
  if (spec?.kind !== 'aggregate' && spec?.kind !== 'analysis') return false;
  try {
    withActivation(activation, () => runQuery(source, request));
    return true;
  } catch {
    // PrefetchSkipped (no cube fits this query), or the query's own error, which the real query reports.
    return false;
  }
}
