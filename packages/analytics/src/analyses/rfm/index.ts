import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/** The rfm analyses (registered through ../index.ts). */
export const RFM_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const RFM_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
