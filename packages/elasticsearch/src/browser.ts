/**
 * @clvkit/elasticsearch/browser: the browser side of the Elasticsearch adapter. It imports no
 * Elasticsearch client and no Node module: the browser only talks to the host's proxy (see
 * `createProxyHandler` of `@clvkit/elasticsearch/proxy`), through the engine's remote source.
 */

/**
 * The engine source this returns: `RemoteSource` of @clvkit/engine, written out here so this
 * entry imports nothing at all (it is assignable to `EngineSource`).
 */
export interface ElasticsearchEngineSource {
  readonly kind: 'remote';
  readonly endpoint: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly time?: { readonly timeZone?: string; readonly weekStart?: number };
  readonly maxSummaryRows?: number;
  readonly info?: boolean;
}

/** Options of `elasticsearchSource`. */
export interface ElasticsearchSourceOptions {
  /** The URL the host mounted the proxy handler on (absolute, or relative to the page), e.g. `/api/clvkit`. */
  readonly endpoint: string;
  /** Sent with every request, e.g. `{ authorization: 'Bearer …' }` when the proxy's `authorize` reads it. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds one request may take before the widget shows a timeout. Default 30 000. */
  readonly timeoutMs?: number;
  /**
   * The indices' time zone and week start (the proxy's `layout`), for dates in report params
   * and as-of dates, when the proxy does not tell them. Default UTC, Monday.
   */
  readonly time?: { readonly timeZone?: string; readonly weekStart?: number };
  /** Most per-customer summary rows one analysis may fetch (RFM, churn, ...). Default 200 000. */
  readonly maxSummaryRows?: number;
}

/**
 * The engine source of data in Elasticsearch: pass it to `createEngine({ source })` (or
 * `engine.load`) instead of in-memory data. Every widget query is POSTed to the proxy as a
 * clvkit request; per-customer analyses the proxy does not push down run in the worker from
 * per-customer summaries it pages through. Widgets cannot tell the difference.
 *
 * @example
 * const engine = createEngine({ source: elasticsearchSource({ endpoint: '/api/clvkit' }) });
 */
export function elasticsearchSource(options: ElasticsearchSourceOptions): ElasticsearchEngineSource {
  if (!options || typeof options.endpoint !== 'string' || options.endpoint.trim() === '') {
    throw new TypeError('elasticsearchSource: options.endpoint must be the URL of the proxy the host mounted, e.g. "/api/clvkit"');
  }
  return {
    kind: 'remote',
    endpoint: options.endpoint,
    ...(options.headers ? { headers: { ...options.headers } } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.time ? { time: { ...options.time } } : {}),
    ...(options.maxSummaryRows !== undefined ? { maxSummaryRows: options.maxSummaryRows } : {}),
  };
}
