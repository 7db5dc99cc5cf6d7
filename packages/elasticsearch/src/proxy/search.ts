import type { Client } from '@elastic/elasticsearch';
import { jsonHeaders, type RestCompatibility } from '../ingest/compat.js';
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

/** A fixed script the query layer may send (compared by its exact text, never built from data). */
export interface FixedScript {
  readonly lang: string;
  readonly source: string;
}

/**
 * A search against the allowed indices only, within `deadline` (epoch ms). `scripts` are the
 * fixed scripts the query layer is known to send (its line-revenue sum); a `script` key whose
 * value is exactly one of them passes, any other is refused.
 */
export function guardedSearch(client: Client, allowedIndices: ReadonlySet<string>, deadline: number, onSearch?: (index: string) => void, scripts: readonly FixedScript[] = [], restCompatibility: RestCompatibility = 8): SearchFn {
  const headers = jsonHeaders(restCompatibility);
  return async (index, body, signal) => {
    if (!allowedIndices.has(index)) throw new ProxyError('internal', 'the query asked for an index outside the allow-list (refused)', { cause: new Error(`index "${index}" is not allowed`) });
    const forbidden = findForbiddenKey(body, 0, scripts);
    if (forbidden) throw new ProxyError('internal', 'the compiled query carried a construct the proxy never sends (refused)', { cause: new Error(`compiled body has "${forbidden}"`) });
    const remaining = Math.max(1, deadline - Date.now());
    onSearch?.(index);
    const response = (await client.search({ index, timeout: `${remaining}ms`, ...body } as Parameters<Client['search']>[0], { signal, requestTimeout: remaining, maxRetries: 0, ...(headers && { headers }) })) as unknown as Record<string, unknown>;
    if (response.timed_out === true) throw new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again');
    return response;
  };
}

function findForbiddenKey(value: unknown, depth: number, scripts: readonly FixedScript[]): string | null {
  if (depth > 64) return '(nesting)';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findForbiddenKey(item, depth + 1, scripts);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'script' && isFixedScript(item, scripts)) continue;
    if (FORBIDDEN_BODY_KEYS.has(key)) return key;
    const found = findForbiddenKey(item, depth + 1, scripts);
    if (found) return found;
  }
  return null;
}

function isFixedScript(value: unknown, scripts: readonly FixedScript[]): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { lang, source } = value as Record<string, unknown>;
  return keys.length === 2 && scripts.some((s) => s.lang === lang && s.source === source);
}
