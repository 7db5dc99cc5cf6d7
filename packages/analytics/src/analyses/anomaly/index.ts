import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/** The anomaly analyses (registered through ../index.ts). */
export const ANOMALY_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const ANOMALY_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
