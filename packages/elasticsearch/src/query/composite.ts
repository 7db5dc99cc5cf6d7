import { QueryLimitError, SearchResponseError } from './errors.js';
import type { QueryLimits, SearchFn, SearchResponseBody } from './types.js';

/**
 * Runs searches and pages `composite` aggregations: each page's `after_key` is sent back as
 * `after` until a page comes back short or without `after_key` (Elasticsearch 8: "to get the
 * next set of buckets, repeat the request with after set to the after_key"). Also checks each
 * response for an error body, a timeout, and the AbortSignal before every page.
 */

/** What one search needs. */
export interface SearchContext {
  readonly search: SearchFn;
  readonly index: string;
  readonly limits: QueryLimits;
  readonly signal?: AbortSignal;
}

/**
 * One `_search`, its response checked for errors and timeouts. Every body gets
 * `track_total_hits: false`: the layer reads aggregations only, so counting hits is wasted work.
 */
export async function runSearch(context: SearchContext, body: Record<string, unknown>): Promise<SearchResponseBody> {
  throwIfAborted(context.signal);
  const response = await context.search(context.index, { track_total_hits: false, ...body }, context.signal);
  checkResponse(response);
  return response;
}

/**
 * Pages the composite aggregation at `path` (names from `aggregations` down) of `body(after)`,
 * calling `onBucket` for every bucket in order. Stops after `limits.maxCompositePages` pages
 * with a `QueryLimitError`.
 */
export async function pageComposite(
  context: SearchContext,
  body: (after: Record<string, unknown> | undefined) => Record<string, unknown>,
  path: readonly string[],
  onBucket: (bucket: Record<string, unknown>) => void,
): Promise<number> {
  let after: Record<string, unknown> | undefined;
  let pages = 0;
  for (;;) {
    if (pages >= context.limits.maxCompositePages) {
      throw new QueryLimitError('maxCompositePages', context.limits.maxCompositePages, 'narrow the selection or group by fewer or coarser keys');
    }
    const response = await runSearch(context, body(after));
    pages++;
    const agg = aggregationAt(response, path) as { buckets?: unknown; after_key?: unknown };
    if (!Array.isArray(agg.buckets)) throw new SearchResponseError('shape', `the response has no buckets at aggregations.${path.join('.')}`);
    for (const bucket of agg.buckets as Record<string, unknown>[]) onBucket(bucket);
    const next = agg.after_key;
    if (!next || typeof next !== 'object' || agg.buckets.length === 0) return pages;
    const size = ((aggregationRequest(body(undefined), path) as { composite?: { size?: number } }).composite?.size) ?? Infinity;
    if (agg.buckets.length < size) return pages;
    after = next as Record<string, unknown>;
  }
}

/** The aggregation result at `path` under `aggregations`. */
export function aggregationAt(response: SearchResponseBody, path: readonly string[]): Record<string, unknown> {
  let node: unknown = response.aggregations;
  for (const name of path) {
    node = (node as Record<string, unknown> | undefined)?.[name];
    if (!node || typeof node !== 'object') throw new SearchResponseError('shape', `the response has no aggregations.${path.join('.')}`);
  }
  return node as Record<string, unknown>;
}

function aggregationRequest(body: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = body;
  for (const name of path) node = ((node as { aggs?: Record<string, unknown> })?.aggs ?? {})[name];
  return node;
}

function checkResponse(response: SearchResponseBody): void {
  if (!response || typeof response !== 'object') throw new SearchResponseError('shape', 'the search returned no response body');
  const error = (response as { error?: unknown }).error;
  if (error) {
    const type = typeof error === 'object' ? String((error as { type?: unknown }).type ?? 'error') : String(error);
    throw new SearchResponseError('error', `Elasticsearch refused the search (${type})`);
  }
  if (response.timed_out === true) throw new SearchResponseError('timeout', 'the search timed out before every shard answered; results would be partial');
  const shards = (response as { _shards?: { failed?: number } })._shards;
  if (shards && typeof shards.failed === 'number' && shards.failed > 0) {
    throw new SearchResponseError('error', `${shards.failed} shard(s) failed; results would be partial`);
  }
}

/** Throws the signal's reason (an AbortError) when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason = signal.reason;
  if (reason instanceof Error) throw reason;
  throw new DOMException('The query was aborted', 'AbortError');
}
