import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { clientFeaturePredicted } from './client-feature-predicted.js';
import { clvBy } from './clv-by.js';
import { clvModelComparison } from './clv-model-comparison.js';
import { clvsegmentsAmount } from './clvsegments-amount.js';
import { dailyClv } from './daily-clv.js';

/** The clv analyses (registered through ../index.ts): all long (they fit BG/NBD + Gamma-Gamma). */
export const CLV_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  dailyClv,
  clientFeaturePredicted,
  clvsegmentsAmount,
  clvBy,
  clvModelComparison,
];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const CLV_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];

export { clvCustomerPredictions, type CustomerPredictions } from './customer-predictions.js';
