import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { basketSensitivity } from './basket-sensitivity.js';
import { frequencyClusters, monetaryClusters, recencyClusters } from './clusters.js';
import { rfm } from './rfm.js';
import { frequencyRecency, monetaryFrequency, recencyMonetary, rfm3d } from './scatter.js';
import { segmentMovement } from './segment-movement.js';
import { segmentation } from './segmentation.js';
import { customerRfmSegmentField, rfmSegmentField } from './segment-field.js';

/** The rfm analyses (registered through ../index.ts). */
export const RFM_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  rfm,
  segmentation,
  recencyClusters,
  frequencyClusters,
  monetaryClusters,
  frequencyRecency,
  monetaryFrequency,
  recencyMonetary,
  rfm3d,
  segmentMovement,
  basketSensitivity,
];

/** Derived filterable fields of this group (registered through ../index.ts): sessions.rfm_segment and customers.rfm_segment. */
export const RFM_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [rfmSegmentField, customerRfmSegmentField];
