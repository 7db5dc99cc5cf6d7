/** The Elasticsearch query layer: clvkit requests to `_search` bodies and back (pure, no I/O of its own). */
export { executeActivity, executeQuery, executeSummaries } from './execute.js';
export type { ActivityPage } from './activity.js';
export { UnsupportedQueryError, QueryLimitError, SearchResponseError } from './errors.js';
export type { ExecuteOptions, QueryLimits, SearchFn, SearchResponseBody } from './types.js';
export { DEFAULT_LIMITS } from './types.js';
export type { CustomerSummaryRow, SummariesInput, SummariesPage } from './summaries.js';
export { pushedDownAnalyses } from './analyses/index.js';
export { compileRequest } from './compile.js';
export { executeCustomers, executeMessages, type IndexPage, type IndexPageInput } from './customers.js';
