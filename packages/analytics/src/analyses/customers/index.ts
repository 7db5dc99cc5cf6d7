import type { AnalysisDefinition } from '../../types.js';

/** The customers analyses (registered through ../index.ts). */
export const CUSTOMER_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];
