import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { search } from './search.js';

/** The search analyses (registered through ../index.ts). */
export const SEARCH_ANALYSES: readonly AnalysisDefinition<unknown>[] = [search];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const SEARCH_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
