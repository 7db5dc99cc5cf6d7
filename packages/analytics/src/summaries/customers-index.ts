import type { SummaryAnalysis } from './types.js';

/** Analyses of the customers and messages indices (demographics, customer_base, communications, ...), run in the worker. */
export const customersIndexSummaries: readonly SummaryAnalysis[] = [];
