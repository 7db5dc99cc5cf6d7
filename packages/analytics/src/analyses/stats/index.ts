import type { AnalysisDefinition } from '../../types.js';

/** The stats analyses (registered through ../index.ts). */
export const STATS_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];
