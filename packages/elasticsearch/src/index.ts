export type { BasketLine, OrderDocument, CustomerDocument, MessageDocument } from './documents.js';
export { orderDocumentId } from './documents.js';
export type { IndexLayout } from './layout.js';
export { DEFAULT_LAYOUT, indexLayout } from './layout.js';
export { ordersIndex, customersIndex, messagesIndex, clvkitIndices } from './mappings.js';
export type { IndexDefinition, IndexSettingsOptions, MappingProperty } from './mappings.js';
export * from './ingest/index.js';
