import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';

/** The abtest analyses (registered through ../index.ts). */
export const ABTEST_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const ABTEST_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
