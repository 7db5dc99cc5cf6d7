import type { Row } from '@clvkit/core';
import { readAsOf, readInstant, resolveAsOf } from '../../as-of.js';
import { seedFor } from '../../models/abtest/prng.js';
import { customerRfm, RFM_SEGMENT_FIELDS } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { MONETARY_KINDS, type MonetaryKind } from '../../models/rfm/rfm-values.js';
import { SCORE_METHODS, type ScoreMethod } from '../../models/rfm/scores.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { readAlpha, resamplesFor, type AbTestParams } from './params.js';
import { abScope } from './scope.js';
import { pairsOf, testRow, type AbTestRow } from './test-rows.js';
import type { AbMetric, CustomerPair } from './usage-samples.js';
import { PREVIOUS_PERIODS, segmentWindows, type SegmentPeriod } from './segment-periods.js';
import { requireOrderColumns } from '../rfm/params.js';

/** Params of the segment tests. */
export interface SegmentTestParams extends Omit<AbTestParams, 'windowDays' | 'limit' | 'pairs'> {
  readonly asOf: string | number | undefined;
  /** RFM scoring of the segments (as the rfm analysis): 'kmeans' (default) or 'quantile'. */
  readonly method: ScoreMethod;
  /** RFM monetary value: 'total' (default) or 'average'. */
  readonly monetary: MonetaryKind;
}

/**
 * A segment-change test of the seed: `segments_change_<period>_before_after_<metric>`.
 *
 * At `asOf` (default: the end of the filter's date range, else the last session_start), the
 * windows of `segmentWindows` (the current day / week to date / month to date vs the same
 * stretch of each of the 4 periods before). Customers: those in the same RFM segment (the
 * `rfm` snapshot under the filter, default k-means) at the start of the oldest window and at
 * asOf; customers whose segment changed, or who had no order before the oldest window, are
 * excluded (counted in `meta.excluded`). Per customer:
 * - orders: after = orders in the current window, before = the mean of their orders in the
 *   4 earlier windows;
 * - amount: after = average order value in the current window, before = the average order
 *   value over the 4 earlier windows together; customers without an order on either side are
 *   left out.
 * Each segment with at least `minCustomers` customers gets the paired t test of
 * `beforeAfterTest` (rows in the segment map's order; `subject` = the segment). Always the t
 * test: before (an average over 4 periods, or over more orders) and after (one period) are not
 * exchangeable, so even without any change their difference is skewed (most customers who
 * ordered in one of the 4 earlier days did not order today), which the signed-rank test would
 * read as a decrease; the t test compares means, which is the question, and segments are large. Windows count
 * the orders passing the filter's clauses but the date range and the segment clauses.
 * meta: `{ test, period, metric, asOf, current, previous, segmentsAt: [from, asOf], excluded, ... }`.
 */
export function segmentsChangeAnalysis(period: SegmentPeriod, metric: AbMetric): AnalysisDefinition<SegmentTestParams> {
  const name = `segments_change_${period}_before_after_${metric}`;
  return defineAnalysis({
    name,
    description: `Per RFM segment, ${metric === 'orders' ? 'orders' : 'average order value'} per customer in the current ${period === 'daily' ? 'day' : period === 'weekly' ? 'week' : 'month'} vs the 4 before`,
    long: true,
    params: (raw) => {
      const read = new ParamReader(name, raw, ['asOf', 'alpha', 'resamples', 'seed', 'minCustomers', 'subject', 'method', 'monetary']);
      const subject = raw.subject;
      if (subject !== undefined && (typeof subject !== 'string' || !(SEGMENTS as readonly string[]).includes(subject))) {
        throw new TypeError(`${name}: params.subject must be a segment name (${SEGMENTS.join(', ')}), got ${JSON.stringify(subject)}`);
      }
      return {
        asOf: readAsOf(name, raw),
        alpha: readAlpha(name, raw.alpha),
        resamples: read.integer('resamples', 0, 100_000, 1000),
        seed: read.integer('seed', 0, 2 ** 31 - 1, 1),
        minCustomers: read.integer('minCustomers', 3, 1_000_000, 10),
        subject: typeof subject === 'string' ? subject : null,
        method: read.oneOf('method', SCORE_METHODS, 'kmeans'),
        monetary: read.oneOf('monetary', MONETARY_KINDS, 'total'),
      };
    },
    async run(context, params) {
      requireOrderColumns(context, name);
      const explicit = readInstant(name, 'asOf', params.asOf, context.calendar);
      const asOf = resolveAsOf(context, periodOf(context), explicit)?.asOf ?? null;
      const baseMeta = { test: name, period, metric, alpha: params.alpha, minCustomers: params.minCustomers };
      if (asOf === null) return { rows: [], meta: { ...baseMeta, asOf: null } };
      const windows = segmentWindows(asOf, period, context.calendar);
      const from = windows.previous[0][0];
      await context.checkpoint(0, 3, 'Scoring segments');
      const atStart = customerRfm(context, { asOf: from - 1, method: params.method, monetary: params.monetary }, name);
      await context.checkpoint(1, 3, 'Scoring segments');
      const atEnd = customerRfm(context, { asOf, method: params.method, monetary: params.monetary }, name);
      await context.checkpoint(2, 3, 'Collecting orders');
      const scope = abScope(context, (field) => RFM_SEGMENT_FIELDS.includes(field));
      const { orders } = scope;
      const payment = context.derived.numbers('sessions', 'payment_amount', 0);
      const bySegment: CustomerPair[][] = SEGMENTS.map(() => []);
      let excluded = 0;
      const perWindow = new Float64Array(PREVIOUS_PERIODS + 1);
      const spent = new Float64Array(PREVIOUS_PERIODS + 1);
      for (let i = 0; i < atEnd.clients.length; i++) {
        const client = atEnd.clients[i];
        const segment = atEnd.segment[i];
        if (atStart.segmentOfClient[client] !== segment) {
          excluded++;
          continue;
        }
        perWindow.fill(0);
        spent.fill(0);
        for (let k = orders.starts[client]; k < orders.starts[client + 1]; k++) {
          const row = orders.rows[k];
          const time = orders.start[row];
          if (time < from || time >= windows.current[1]) continue;
          const w = windowOf(time, windows.previous, windows.current);
          if (w < 0) continue;
          perWindow[w]++;
          spent[w] += payment[row];
        }
        let beforeOrders = 0;
        let beforeSpent = 0;
        for (let w = 0; w < PREVIOUS_PERIODS; w++) {
          beforeOrders += perWindow[w];
          beforeSpent += spent[w];
        }
        const afterOrders = perWindow[PREVIOUS_PERIODS];
        if (metric === 'orders') bySegment[segment].push({ client, before: beforeOrders / PREVIOUS_PERIODS, after: afterOrders });
        else if (beforeOrders > 0 && afterOrders > 0) bySegment[segment].push({ client, before: beforeSpent / beforeOrders, after: spent[PREVIOUS_PERIODS] / afterOrders });
      }
      const subjects = SEGMENTS.map((segment, s) => ({ subject: segment as string, pairs: bySegment[s] })).filter(
        (s) => (params.subject === null || s.subject === params.subject) && s.pairs.length >= params.minCustomers,
      );
      const resamples = resamplesFor(params.resamples, subjects.reduce((sum, s) => sum + s.pairs.length, 0));
      const rows: AbTestRow[] = [];
      for (const [k, subject] of subjects.entries()) {
        await context.checkpoint(k, subjects.length, `Testing ${subject.subject} (${k + 1} of ${subjects.length})`);
        rows.push(testRow(name, subject, { alpha: params.alpha, seed: seedFor(params.seed, period) }, resamples, 't'));
      }
      const meta: Record<string, unknown> = {
        ...baseMeta,
        asOf,
        current: windows.current,
        previous: windows.previous,
        segmentsAt: [from, asOf],
        excluded,
        resamples,
        tested: rows.length,
      };
      if (params.subject !== null) meta.pairs = pairsOf(bySegment[(SEGMENTS as readonly string[]).indexOf(params.subject)], atEnd.clientIds);
      return { rows: rows as Row[], meta };
    },
  });
}

/** The index of the window holding `time`: 0..3 the earlier ones (oldest first), 4 the current; -1 for none. */
function windowOf(time: number, previous: readonly (readonly [number, number])[], current: readonly [number, number]): number {
  if (time >= current[0] && time < current[1]) return previous.length;
  for (let w = 0; w < previous.length; w++) if (time >= previous[w][0] && time < previous[w][1]) return w;
  return -1;
}
