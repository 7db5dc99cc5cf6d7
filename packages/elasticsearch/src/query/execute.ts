import { NO_FILTER, type QueryRequest, type QueryResult } from '@clvkit/core';
import { runAggregateSpec } from './aggregate.js';
import { runAnalysisSpec } from './analyses/index.js';
import { throwIfAborted } from './composite.js';
import { queryEnv } from './env.js';
import { UnsupportedQueryError } from './errors.js';
import { resolveClientSets } from './client-sets.js';
import { runSummaries, type SummariesInput, type SummariesPage } from './summaries.js';
import { runActivity, type ActivityPage } from './activity.js';
import type { ExecuteOptions } from './types.js';

/**
 * Runs a clvkit query on Elasticsearch: compiles `request.spec` under `request.filter` into
 * `_search` bodies (size 0, aggregations), runs them with `options.search`, and returns the
 * QueryResult `runQuery` of @clvkit/analytics returns for the same data in memory.
 * @throws UnsupportedQueryError for specs, analyses, fields or predicates that cannot run on
 * Elasticsearch; QueryLimitError past `options.limits`; SearchResponseError for error or
 * partial responses; the signal's AbortError when `options.signal` aborts.
 */
export async function executeQuery(request: QueryRequest, options: ExecuteOptions): Promise<QueryResult> {
  const env = queryEnv(options);
  throwIfAborted(env.signal);
  const spec = request?.spec;
  const filter = request?.filter ?? NO_FILTER;
  const where = spec?.kind === 'aggregate' && Array.isArray(spec.where) ? { mode: 'and' as const, predicates: spec.where } : undefined;
  await resolveClientSets(env, [filter, where]);
  switch (spec?.kind) {
    case 'aggregate':
      return runAggregateSpec(env, spec, filter);
    case 'analysis':
      return runAnalysisSpec(env, spec.name, spec.params ?? {}, filter);
    default:
      throw new UnsupportedQueryError('spec', `spec.kind must be "aggregate" or "analysis", got ${JSON.stringify((spec as { kind?: unknown } | undefined)?.kind)}`);
  }
}

/**
 * One page of per-customer summaries (see `CustomerSummaryRow`): a composite aggregation on
 * `client` over the orders passing `input.filter`, resumed from `input.after`.
 */
export async function executeSummaries(input: SummariesInput, options: ExecuteOptions): Promise<SummariesPage> {
  const env = queryEnv(options);
  throwIfAborted(env.signal);
  await resolveClientSets(env, [input?.filter]);
  return runSummaries(env, input);
}

/**
 * One page of customer-day activity (see `CustomerDayRecord`): a composite aggregation on
 * `client` and the local day over the sessions passing `input.filter`, resumed from `input.after`.
 */
export async function executeActivity(input: SummariesInput, options: ExecuteOptions): Promise<ActivityPage> {
  const env = queryEnv(options);
  throwIfAborted(env.signal);
  await resolveClientSets(env, [input?.filter]);
  return runActivity(env, input);
}
