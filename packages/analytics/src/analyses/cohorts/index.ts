import type { AnalysisDefinition } from '../../types.js';

/** The cohorts analyses (registered through ../index.ts). */
export const COHORT_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];
