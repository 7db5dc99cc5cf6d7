import type { SummaryAnalysis } from './types.js';

/** The before/after A/B tests, run in the worker from activity pages. */
export const abTestSummaries: readonly SummaryAnalysis[] = [];
