import type { AnalysisDefinition } from '../../types.js';

/** The commerce analyses (registered through ../index.ts). */
export const COMMERCE_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];
