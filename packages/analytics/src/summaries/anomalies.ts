import type { SummaryAnalysis } from './types.js';

/** The anomaly models, fitted in the worker on series the server computes. */
export const anomalySummaries: readonly SummaryAnalysis[] = [];
