import type { Client } from '@elastic/elasticsearch';
import { ProxyError } from './errors.js';

/**
 * The `SearchFn` the query layer runs its searches through, built on the official client's
 * `search`. It is the last gate before the cluster: the index must be one of the allowed
 * indices, and the compiled body may not carry scripts, runtime fields or pattern queries
 * (the compiler never emits them; a body that has one is refused, not sent). Each search gets
 * the request's abort signal, the time left as the client's request timeout, and a search
 * `timeout` so the cluster stops too; a search that timed out is an error (504), never a
 * partial answer.
 */

/** `(index, body, signal) => the _search response body`, as the query layer calls it. */
export type SearchFn = (index: string, body: Record<string, unknown>, signal?: AbortSignal) => Promise<Record<string, unknown>>;

/** Keys that never reach the cluster in a compiled body. */
const FORBIDDEN_BODY_KEYS = new Set(['script', 'scripts', 'script_fields', 'runtime_mappings', 'regexp', 'wildcard', 'query_string', 'simple_query_string', 'fuzzy', 'script_score', 'scripted_metric', 'bucket_script', 'bucket_selector', 'stored_script', 'percolate', 'more_like_this']);

/** A search against the allowed indices only, within `deadline` (epoch ms). */
export function guardedSearch(client: Client, allowedIndices: ReadonlySet<string>, deadline: number, onSearch?: (index: string) => void): SearchFn {
  return async (index, body, signal) => {
    if (!allowedIndices.has(index)) throw new ProxyError('internal', 'the query asked for an index outside the allow-list (refused)', { cause: new Error(`index "${index}" is not allowed`) });
    const forbidden = findForbiddenKey(body, 0);
    if (forbidden) throw new ProxyError('internal', 'the compiled query carried a construct the proxy never sends (refused)', { cause: new Error(`compiled body has "${forbidden}"`) });
    const remaining = Math.max(1, deadline - Date.now());
    onSearch?.(index);
    const response = (await client.search({ index, timeout: `${remaining}ms`, ...body } as Parameters<Client['search']>[0], { signal, requestTimeout: remaining, maxRetries: 0 })) as unknown as Record<string, unknown>;
    if (response.timed_out === true) throw new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again');
    return response;
  };
}

function findForbiddenKey(value: unknown, depth: number): string | null {
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findForbiddenKey(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_BODY_KEYS.has(key)) return key;
    const found = findForbiddenKey(item, depth + 1);
    if (found) return found;
  }
  return null;
}
