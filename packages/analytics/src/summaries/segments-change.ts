import { calendarFor, interval, type Filter, type Row } from '@clvkit/core';
import { readInstant } from '../as-of.js';
import { resamplesFor } from '../analyses/abtest/params.js';
import { PREVIOUS_PERIODS, segmentWindows, type SegmentPeriod } from '../analyses/abtest/segment-periods.js';
import { segmentsChangeAnalysis } from '../analyses/abtest/segments-change.js';
import { pairsOf, testRow, type AbTestRow } from '../analyses/abtest/test-rows.js';
import type { AbMetric, CustomerPair } from '../analyses/abtest/usage-samples.js';
import { seedFor } from '../models/abtest/prng.js';
import { DEFAULT_SEED } from '../models/rfm/kmeans1d.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { summaryAsOf } from './as-of.js';
import { snapshotOf } from './rfm.js';
import { isSegmentClause } from './segments.js';
import type { SummaryAnalysis } from './types.js';

/**
 * `segments_change_<period>_before_after_<metric>` from summaries: the two RFM snapshots (at
 * the start of the oldest window and at the as-of) from summaries, and one summaries run per
 * window (the filter without its date range and segment clauses, cut to the window) for each
 * customer's orders and revenue there; then the in-memory test (`testRow`). Difference: the
 * pairs are in client-id order, so bootstrap intervals (`ciLow` / `ciHigh`, `relativeLow` /
 * `relativeHigh`, `acceptRatio`) resample another order (the t test itself is the same);
 * with `resamples: 0` the rows are equal.
 */
function segmentsChange(period: SegmentPeriod, metric: AbMetric): SummaryAnalysis {
  const definition = segmentsChangeAnalysis(period, metric);
  const name = definition.name;
  return {
    name,
    async run(request, env) {
      const params = definition.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
      const calendar = calendarFor(env.time);
      const explicit = readInstant(name, 'asOf', params.asOf, calendar);
      const { at, rest } = summaryAsOf(name, request.filter, explicit, env);
      const asOf = at?.asOf ?? null;
      const baseMeta = { test: name, period, metric, alpha: params.alpha, minCustomers: params.minCustomers };
      if (asOf === null) return { rows: [], meta: { ...baseMeta, asOf: null } };
      const windows = segmentWindows(asOf, period, calendar);
      const from = windows.previous[0][0];
      const rfm = { method: params.method, monetary: params.monetary, seed: DEFAULT_SEED };
      const splittable = request.filter.mode === 'and' || request.filter.predicates.length <= 1;
      const windowFilter: Filter = { mode: 'and', predicates: splittable ? rest.predicates.filter((p) => !isSegmentClause(p) && !(p.type === 'and' && p.predicates.some(isSegmentClause))) : [] };
      const all = [...windows.previous, windows.current];
      const [atStart, atEnd, ...perWindow] = await Promise.all([
        snapshotOf(name, request.filter, { ...rfm, asOf: from - 1 }, env),
        snapshotOf(name, request.filter, { ...rfm, asOf }, env),
        ...all.map(([lo, hi]) => env.summaries({ mode: 'and', predicates: [...windowFilter.predicates, interval('session_start', lo, hi)] })),
      ]);
      const segmentAtStart = new Map<string, number>();
      atStart.clientIds.forEach((client, i) => segmentAtStart.set(client, atStart.segment[i]));
      const windowRows = perWindow.map((rows) => new Map(rows.map((row) => [row.client, row])));
      const bySegment: CustomerPair[][] = SEGMENTS.map(() => []);
      let excluded = 0;
      atEnd.clientIds.forEach((client, i) => {
        const segment = atEnd.segment[i];
        if (segmentAtStart.get(client) !== segment) {
          excluded++;
          return;
        }
        let beforeOrders = 0;
        let beforeSpent = 0;
        for (let w = 0; w < PREVIOUS_PERIODS; w++) {
          const row = windowRows[w].get(client);
          beforeOrders += row?.orders ?? 0;
          beforeSpent += row?.revenue ?? 0;
        }
        const now = windowRows[PREVIOUS_PERIODS].get(client);
        const afterOrders = now?.orders ?? 0;
        if (metric === 'orders') bySegment[segment].push({ client: i, before: beforeOrders / PREVIOUS_PERIODS, after: afterOrders });
        else if (beforeOrders > 0 && afterOrders > 0) bySegment[segment].push({ client: i, before: beforeSpent / beforeOrders, after: (now?.revenue ?? 0) / afterOrders });
      });
      const subjects = SEGMENTS.map((segment, s) => ({ subject: segment as string, pairs: bySegment[s] })).filter(
        (s) => (params.subject === null || s.subject === params.subject) && s.pairs.length >= params.minCustomers,
      );
      const resamples = resamplesFor(params.resamples, subjects.reduce((sum, s) => sum + s.pairs.length, 0));
      const rows: AbTestRow[] = subjects.map((subject) => testRow(name, subject, { alpha: params.alpha, seed: seedFor(params.seed, period) }, resamples, 't'));
      const meta: Record<string, unknown> = { ...baseMeta, asOf, current: windows.current, previous: windows.previous, segmentsAt: [from, asOf], excluded, resamples, tested: rows.length };
      if (params.subject !== null) meta.pairs = pairsOf(bySegment[(SEGMENTS as readonly string[]).indexOf(params.subject)], atEnd.clientIds);
      return { rows: rows as Row[], meta };
    },
  };
}

/** The six segment-change tests from summaries. */
export const segmentsChangeSummaries: readonly SummaryAnalysis[] = (['daily', 'weekly', 'monthly'] as const).flatMap((period) => (['amount', 'orders'] as const).map((metric) => segmentsChange(period, metric)));
