import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { customerRfmSegmentField, rfmSegmentField } from './segment-field.js';

/** The rfm analyses (registered through ../index.ts). */
export const RFM_ANALYSES: readonly AnalysisDefinition<unknown>[] = [];

/** Derived filterable fields of this group (registered through ../index.ts): sessions.rfm_segment and customers.rfm_segment. */
export const RFM_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [rfmSegmentField, customerRfmSegmentField];
