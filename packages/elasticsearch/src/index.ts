export type { BasketLine, OrderDocument, CustomerDocument, MessageDocument } from './documents.js';
export { orderDocumentId } from './documents.js';
export type { IndexLayout } from './layout.js';
export { DEFAULT_LAYOUT, indexLayout } from './layout.js';
export { ordersIndex, customersIndex, messagesIndex, clvkitIndices } from './mappings.js';
export type { IndexDefinition, IndexSettingsOptions, MappingProperty } from './mappings.js';
export * from './ingest/index.js';
export { executeQuery, executeSummaries, UnsupportedQueryError, QueryLimitError, SearchResponseError, DEFAULT_LIMITS, pushedDownAnalyses, compileRequest } from './query/index.js';
export type { ExecuteOptions, QueryLimits, SearchFn, SearchResponseBody, CustomerSummaryRow, SummariesInput, SummariesPage } from './query/index.js';
