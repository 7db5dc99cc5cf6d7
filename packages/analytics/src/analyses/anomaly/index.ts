import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { clvrfmAnomaly } from './clvrfm-anomaly.js';
import { dcohortAnomaly } from './dcohort-anomaly.js';
import { dfunnelAnomaly } from './dfunnel-anomaly.js';
import { dordersAnomaly } from './dorders-anomaly.js';

/** The anomaly analyses (registered through ../index.ts): long, autoencoder-based. */
export const ANOMALY_ANALYSES: readonly AnalysisDefinition<unknown>[] = [dordersAnomaly, dfunnelAnomaly, dcohortAnomaly, clvrfmAnomaly];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const ANOMALY_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];
