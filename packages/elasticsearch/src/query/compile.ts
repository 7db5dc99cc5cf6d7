import { NO_FILTER, type QueryRequest } from '@clvkit/core';
import { planAggregate } from './aggregate.js';
import { queryEnv } from './env.js';
import { UnsupportedQueryError } from './errors.js';
import { planBodies } from './groups.js';
import type { ExecuteOptions } from './types.js';

/**
 * The first-page `_search` bodies an aggregate request compiles to, without running them (for
 * review, logs and golden files). Analyses run several dependent searches and are not listed.
 */
export function compileRequest(request: QueryRequest, options: Pick<ExecuteOptions, 'layout' | 'extraFilters' | 'limits'>): Record<string, unknown>[] {
  const env = queryEnv({ ...options, search: () => Promise.reject(new Error('compileRequest does not search')) });
  if (request?.spec?.kind !== 'aggregate') throw new UnsupportedQueryError('compileRequest', 'only aggregate specs compile to a fixed list of bodies');
  return planBodies(planAggregate(env, request.spec, request.filter ?? NO_FILTER));
}
