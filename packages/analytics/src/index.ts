/**
 * @clvkit/analytics: pure analyses over a core `Dataset`. `runQuery` answers a plain aggregate
 * or a named analysis from the registry; everything is synchronous and DOM-free, so it runs in
 * the engine's worker (or in Node).
 */
export { runQuery, runAnalysis, runQueryAsync, runAnalysisAsync, prefetchQuery } from './run-query.js';
export type { ActivatedField } from './crossfilter/activation.js';
export { registerAnalysis, getAnalysis, reportNames } from './registry.js';
export { mulberry32 } from './random.js';
export { reportRequest, type ReportParams } from './report.js';
export { runAggregate, aggregateWith, groupMeasures, sessionsPassing, linesPassing } from './aggregate.js';
export { fastPathSettings, fastPathStats } from './crossfilter/settings.js';
export { defineAnalysis, type AnalysisContext, type AnalysisDefinition, type Progress, type RunOptions } from './types.js';
export { createContext, throwIfAborted } from './context.js';
export { DerivedColumns, derivedColumns, indexByCode, type CodeIndex } from './derived.js';
export { registerDerivedField, derivedFieldDefinitions, withDerivedFields, type DerivedFieldDefinition } from './derived-fields.js';
export { allCustomerOrders, customerOrders, restrictCustomerOrders, type CustomerOrders } from './customer-orders.js';
export type { KeyColumn, KeyValue } from './group-keys.js';
export { keyColumn } from './group-keys.js';
export type { Grouping } from './grouping.js';
export { MEASURES, measureValue, type MeasureArrays } from './measures.js';
export { periodOf, dataRange, daysIn, rangeFilter, bucketedPeriodFilters, type Period, type Range } from './period.js';
export { ParamReader } from './params.js';
export { totals } from './totals.js';
export type { BucketIndex } from './time-buckets.js';
export { KPI_METRICS, percentChange, type KpiMetric } from './analyses/kpis.js';
export type { TopMetric, TopParams } from './analyses/top-line-values.js';
export type { DimensionValuesParams } from './analyses/dimension-values.js';
export { rankCombinedPairs, type PairCounts, type MostCombinedProductsParams } from './analyses/commerce/most-combined-products.js';
export { rankBoughtWith, type BoughtWithCounts, type BoughtWithParams } from './analyses/commerce/bought-with.js';
export * from './models/rfm/index.js';
export * from './models/clv/index.js';
export * from './models/abtest/index.js';
export * from './models/anomaly/index.js';
export * from './models/search/index.js';
export * from './summaries/index.js';
