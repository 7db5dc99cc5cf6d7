import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/** The search analyses (registered through ../index.ts). */
export const SEARCH_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const SEARCH_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
