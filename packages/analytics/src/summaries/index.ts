import type { QueryRequest, QueryResult } from '@clvkit/core';
import { getAnalysis } from '../registry.js';
import { rfmSummary, segmentationSummary } from './rfm.js';
import { churnSummary, customerStatusSummary } from './status.js';
import { customerListSummary } from './customer-list.js';
import { clientFeaturePredictedSummary, clvsegmentsAmountSummary } from './clv.js';
import { clvBySummary } from './clv-by.js';
import { clusterSummaries, scatterSummaries } from './rfm-views.js';
import { newcomersAndChurnersSummary, segmentMovementSummary } from './movement.js';
import { purchaseAmountDistributionSummary, userCountsPerOrderSeqSummary } from './order-counts.js';
import { cohortLifetimeSummary } from './cohort-lifetime.js';
import { segmentsChangeSummaries } from './segments-change.js';
import { customersIndexSummaries } from './customers-index.js';
import { abTestSummaries } from './abtests.js';
import { anomalySummaries } from './anomalies.js';
import { basketSensitivitySummary } from './basket-sensitivity.js';
import { timelineSummaries } from './timeline-analyses.js';
import { searchSummary } from './search.js';
import type { SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * Per-customer analyses computed from per-customer summaries (one row per customer: orders,
 * revenue, first and last order, ...) instead of the order log: what a remote source's worker
 * runs when its server pushes an analysis down to summaries only (see @clvkit/engine "Remote
 * source"). Each gives the rows of the registry analysis of the same name, with the same params.
 */
export type { CustomerDayRecord, CustomerRecord, CustomerSummaryRecord, MessageRecord, SummaryAnalysis, SummaryEnv } from './types.js';
export { timelineDataset, sessionsOfDay, type TimelineDataset, type TimelineInput } from './timeline-dataset.js';
export { summaryAsOf, summaryPeriodRange, type SummaryAsOf } from './as-of.js';
export { rfmFromSummaries, type SummaryRfm } from './rfm.js';
export { hasDerivedClauses, resolveDerivedClauses, defaultSegments as summarySegments, MAX_SEGMENT_CLIENTS } from './segments.js';
export { clvColumns, summaryClvModel, type SummaryClvModel } from './clv.js';
export { customersSource, messagesSource } from './customer-sources.js';
export { canRunSummaryAggregate, runSummaryAggregate } from './customer-aggregate.js';

const ANALYSES: ReadonlyMap<string, SummaryAnalysis> = new Map([rfmSummary, segmentationSummary, customerStatusSummary, churnSummary, customerListSummary, clientFeaturePredictedSummary, clvsegmentsAmountSummary, clvBySummary, ...clusterSummaries, ...scatterSummaries, segmentMovementSummary, newcomersAndChurnersSummary, userCountsPerOrderSeqSummary, purchaseAmountDistributionSummary, cohortLifetimeSummary, ...segmentsChangeSummaries, ...customersIndexSummaries, ...abTestSummaries, ...anomalySummaries, basketSensitivitySummary, ...timelineSummaries, searchSummary].map((a) => [a.name, a]));

/**
 * Whether the registry analysis `name` takes an `asOf` param (probed through its params reader,
 * as `reportRequest` does): a seed-style report's date is then also its as-of date.
 */
export function analysisTakesAsOf(name: string, date: string): boolean {
  const params = getAnalysis(name)?.params;
  if (!params) return false;
  try {
    params({ asOf: date });
    return true;
  } catch (error) {
    return !(error instanceof TypeError && error.message.includes('unknown param "asOf"'));
  }
}

/** The analyses that can run from summaries, sorted. */
export function summaryAnalysisNames(): string[] {
  return [...ANALYSES.keys()].sort();
}

/**
 * Runs a summary-based analysis: `request` is the same request the registry analysis takes.
 * @throws TypeError for an analysis without a summary-based version, or for invalid params (the registry's own messages).
 */
export async function runSummaryAnalysis(request: QueryRequest, env: SummaryEnv): Promise<QueryResult> {
  if (request.spec.kind !== 'analysis') throw new TypeError('runSummaryAnalysis: only analysis specs run from summaries');
  const analysis = ANALYSES.get(request.spec.name);
  if (!analysis) throw new TypeError(`${request.spec.name} has no summary-based version (summary-based: ${summaryAnalysisNames().join(', ')})`);
  return analysis.run(request, env);
}
