/**
 * @clvkit/core: the data model, time, filters and the cross-filter bus.
 * No DOM, no worker: usable in Node, in the worker and on the main thread.
 */
export * from './table.js';
export * from './calendar.js';
export * from './predicate.js';
export * from './selection.js';
export * from './query.js';
export * from './errors.js';
export * from './schema.js';
export * from './csv.js';
export * from './values.js';
export * from './table-builder.js';
export * from './report.js';
export * from './import.js';
export * from './line-items.js';
export * from './filter.js';
export * from './cohort-predicates.js';
export { yieldToMacrotask } from './macrotask.js';
export * from './customer-event-predicates.js';
