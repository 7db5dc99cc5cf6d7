export { ingest, importInput, createIndices, layoutFor, IngestInputError, type IngestInput, type IngestOptions, type IngestReport } from './ingest.js';
export { bulkIndex, BulkRequestError, type BulkOptions, type BulkReport, type BulkItemFailure } from './bulk.js';
export { orderDocuments, customerDocuments, messageDocuments, customerAttributeNames, type IdentifiedDocument } from './documents.js';
export { formatIngestReport } from './format.js';
export { jsonHeaders, ndjsonHeaders, type RestCompatibility } from './compat.js';
