import type { DerivedFieldDefinition } from '../../derived-fields.js';
import type { AnalysisDefinition } from '../../types.js';
import { cohortLifetime } from './cohort-lifetime.js';
import { dailyCohortDownloads } from './daily-cohort-downloads.js';
import { dailyCohortFrom1To2 } from './daily-cohort-from-1-to-2.js';
import { dailyCohortFrom2To3 } from './daily-cohort-from-2-to-3.js';
import { dailyCohortFrom3To4 } from './daily-cohort-from-3-to-4.js';
import { previousOrderAt } from './previous-order-field.js';
import { retentionCohorts } from './retention-cohorts.js';
import { weeklyCohortDownloads } from './weekly-cohort-downloads.js';
import { weeklyCohortFrom1To2 } from './weekly-cohort-from-1-to-2.js';
import { weeklyCohortFrom2To3 } from './weekly-cohort-from-2-to-3.js';
import { weeklyCohortFrom3To4 } from './weekly-cohort-from-3-to-4.js';

// Registered here (a module whose export is used) rather than by a side-effect-only import,
// so bundlers honouring the package's `sideEffects` list keep it.
/** Derived filterable fields of this group (registered through ../index.ts). */
export const COHORT_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [previousOrderAt];

/** The cohorts analyses (registered through ../index.ts). */
export const COHORT_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  dailyCohortDownloads,
  dailyCohortFrom1To2,
  dailyCohortFrom2To3,
  dailyCohortFrom3To4,
  weeklyCohortDownloads,
  weeklyCohortFrom1To2,
  weeklyCohortFrom2To3,
  weeklyCohortFrom3To4,
  retentionCohorts,
  cohortLifetime,
] as readonly AnalysisDefinition<unknown>[];

