import type { IndexLayout } from '../layout.js';

/**
 * The contract between the query layer and whoever runs the searches (the proxy, a test
 * stand-in): the layer builds `_search` bodies and reads `_search` response bodies, nothing else.
 */

/** The body of an Elasticsearch `_search` response (only the parts the layer reads are typed). */
export interface SearchResponseBody {
  readonly took?: number;
  readonly timed_out?: boolean;
  readonly hits?: { readonly total?: { readonly value: number; readonly relation?: string } | number };
  readonly aggregations?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** Runs one `_search` on `index` with `body` and resolves with the response body. */
export type SearchFn = (index: string, body: Record<string, unknown>, signal?: AbortSignal) => Promise<SearchResponseBody>;

/** Caps a query must stay under; exceeding one is a `QueryLimitError`. */
export interface QueryLimits {
  /** Most groups (buckets) one query may produce. Default 65,536 (Elasticsearch's search.max_buckets). */
  readonly maxBuckets: number;
  /** Most composite-aggregation pages one query may fetch. Default 100. */
  readonly maxCompositePages: number;
  /** Most rows one `executeSummaries` page may return. Default 10,000. */
  readonly maxSummaryRows: number;
  /** Buckets per composite page. Default 1,000. */
  readonly compositePageSize: number;
}

/** The defaults of `QueryLimits`. */
export const DEFAULT_LIMITS: QueryLimits = Object.freeze({
  maxBuckets: 65_536,
  maxCompositePages: 100,
  maxSummaryRows: 10_000,
  compositePageSize: 1_000,
});

/** What `executeQuery` and `executeSummaries` need besides the request. */
export interface ExecuteOptions {
  readonly layout: IndexLayout;
  readonly search: SearchFn;
  /** Query clauses of the host's tenant callback, ANDed into every search's `bool.filter`. */
  readonly extraFilters?: readonly object[];
  readonly limits?: Partial<QueryLimits>;
  readonly signal?: AbortSignal;
}
