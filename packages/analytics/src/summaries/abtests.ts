import type { QueryRequest, QueryResult } from '@clvkit/core';
import { getAnalysis } from '../registry.js';
import { runQueryAsync } from '../run-query.js';
import { usagePages, type SubjectScope } from './abtests/usage-pages.js';
import type { TriggerKind } from '../analyses/abtest/usage-samples.js';
import type { SummaryAnalysis } from './types.js';

/**
 * The before/after A/B tests (promotion and product usage, the promotion comparison, the
 * orders and amount differences), run in the worker: the activity pages the server gives are
 * rebuilt into a timeline with the triggering orders marked (`usagePages`), and the REGISTRY
 * analysis of the same name runs on it with the same params, so every number comes from the
 * in-memory code. Rows equal the in-memory ones where the timeline is exact (see `UsagePages`
 * for what is placed rather than known); meta adds `approximatedOrders` (orders placed, not
 * known) and `unmatchedMarks` (marked orders not found in the windows' pages; 0 when the pages
 * agree). The segment tests (`segments_change_*`) run from summaries (segments-change.ts).
 */
function usageTest(name: string, kind: TriggerKind, scope: SubjectScope, narrowsToSubject: boolean): SummaryAnalysis {
  return {
    name,
    async run(request: QueryRequest, env): Promise<QueryResult> {
      const definition = getAnalysis(name);
      if (!definition || request.spec.kind !== 'analysis') throw new TypeError(`${name}: not a registered analysis request`);
      // the registry's own reader: same validation, same messages
      const params = (definition.params ? definition.params(request.spec.params ?? {}) : {}) as { subject?: string | null; windowDays?: number };
      const only = narrowsToSubject && typeof params.subject === 'string' ? params.subject : null;
      const pages = await usagePages(name, kind, request.filter, env, scope, params.windowDays ?? 7, only);
      const result = await runQueryAsync(pages.timeline.dataset, { spec: request.spec, filter: pages.filter }, env.signal ? { signal: env.signal } : {});
      return { rows: result.rows, meta: { ...(result.meta ?? {}), approximatedOrders: pages.timeline.approximatedOrders, unmatchedMarks: pages.timeline.unmatchedMarks } };
    },
  };
}

const USAGE = (['promotion', 'product'] as const).flatMap((kind) =>
  (['amount', 'orders'] as const).flatMap((metric) => ['', '_accept', '_reject'].map((outcome) => usageTest(`${kind}_usage_before_after_${metric}${outcome}`, kind, 'filtered', true))),
);

/** The before/after A/B tests, run in the worker from activity pages. */
export const abTestSummaries: readonly SummaryAnalysis[] = [
  ...USAGE,
  usageTest('order_and_payment_amount_differences', 'promotion', 'filtered', true),
  // every promotion is compared; the selection and `subject` only choose the rows reported
  usageTest('promotion_comparison', 'promotion', 'all', false),
];
