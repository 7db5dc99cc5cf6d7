import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/** The clv analyses (registered through ../index.ts). */
export const CLV_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const CLV_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
