import type { SummaryAnalysis } from './types.js';

/** Cohorts, lifecycle, status trend, churn series, journey: registry analyses run on a timeline dataset. */
export const timelineSummaries: readonly SummaryAnalysis[] = [];
