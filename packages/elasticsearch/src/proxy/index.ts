/**
 * `@clvkit/elasticsearch/proxy`: the server-side handler the host mounts (see handler.ts), wired
 * to this package's query layer.
 */
import { executeActivity, executeCustomers, executeMessages, executeQuery, executeSummaries, pushedDownAnalyses } from '../query/index.js';
import { LINE_REVENUE_SCRIPT } from '../query/measures.js';
import { createProxyHandlerWith, type ProxyHandler, type ProxyOptions, type QueryEngine } from './handler.js';

/** The query layer of this package, as the proxy calls it. */
export const defaultEngine: QueryEngine = {
  // The one script the query layer sends (Σ price × quantity of basket lines), fixed text.
  scripts: [LINE_REVENUE_SCRIPT],
  executeQuery: (request, options) => executeQuery(request, options),
  executeSummaries: (input, options) => executeSummaries(input, options),
  executeActivity: (input, options) => executeActivity(input, options),
  executeCustomers: (input, options) => executeCustomers(input, options),
  executeMessages: (input, options) => executeMessages(input, options),
  analyses: () => pushedDownAnalyses(),
};

/**
 * Creates the proxy: `{ fetch(request): Promise<Response>, node(req, res) }`. Accepts only
 * `{ request: QueryRequest }`, `{ summaries | activity: { filter, after?, size? } }` and
 * `{ customers | messages: { after?, size? } }` bodies, validates
 * them against `options.allow`, adds `options.tenantFilter`'s clauses, caps sizes and time,
 * runs the query layer's searches with `options.client` and answers `{ result }`,
 * `{ rows, after }` or `{ error: { code, message } }` with a 4xx/5xx status.
 */
export function createProxyHandler(options: ProxyOptions): ProxyHandler {
  return createProxyHandlerWith({ ...options, engine: options.engine ?? defaultEngine });
}

export { createProxyHandlerWith, DEFAULT_LIMITS, type ProxyHandler, type ProxyOptions, type ProxyLimits, type ProxyErrorInfo, type QueryEngine, type ExecuteOptions } from './handler.js';
export { ProxyError, PROXY_ERROR_STATUS, type ProxyErrorCode } from './errors.js';
export { standardFields, type FieldAllowList } from './allow-list.js';
export { toNodeHandler, type NodeHandler } from './node.js';
export { clientFromEnv } from './client.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { ValidBody, SummariesBody, IndexPageBody } from './validate.js';
export type { SearchFn, FixedScript } from './search.js';
