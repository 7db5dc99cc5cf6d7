import { calendarFor, interval, type Filter, type Row } from '@clvkit/core';
import { cohortLifetime } from '../analyses/cohorts/cohort-lifetime.js';
import { summaryAsOf, summaryPeriodRange } from './as-of.js';
import type { CustomerSummaryRecord, SummaryAnalysis } from './types.js';

const DAY = 86_400_000;

/**
 * `cohort_lifetime` from summaries, with the cohort rules of the in-memory analysis
 * (cohort-scope.ts): cohorts by the bucket of each customer's first order passing the filter's
 * non-date clauses; lifetime = last − first of those orders, the last one before the end of the
 * date range when there is one; with a date range, a cohort is listed when its bucket overlaps
 * the range or one of its customers has an order passing the whole filter. Three summaries runs
 * when dated (all orders, orders before the range's end, orders in the filter), one otherwise.
 */
export const cohortLifetimeSummary: SummaryAnalysis = {
  name: 'cohort_lifetime',
  async run(request, env) {
    const { bucket } = cohortLifetime.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const calendar = calendarFor(env.time);
    const { rest } = summaryAsOf('cohort_lifetime', request.filter, undefined, env);
    const period = summaryPeriodRange(request.filter, env);
    const dated = rest !== request.filter && rest.predicates.length < request.filter.predicates.length;
    const extent = env.timeExtent;
    const data = extent ? [calendar.floor(extent[0], 'day'), calendar.add(extent[1], 'day', 1)] : null;
    const range = data && period ? [Math.max(period[0], data[0]), Math.min(period[1], data[1])] : null;
    const end = dated && range ? range[1] : Number.POSITIVE_INFINITY;
    if (!extent) return { rows: [], meta: { bucket, period, asOf: null } };
    if (rest.mode === 'or' && rest.predicates.length > 1 && dated) throw new TypeError('cohort_lifetime: an "or" selection with a date range cannot be summarised on this data source');
    const before = (hi: number): Filter => ({ mode: 'and', predicates: [...rest.predicates, interval('session_start', extent[0], hi)] });
    const [everything, untilEnd, inFilter] = await Promise.all([
      env.summaries(rest),
      dated ? env.summaries(before(end)) : Promise.resolve(null),
      dated ? env.summaries(request.filter) : Promise.resolve(null),
    ]);
    const lastBefore = new Map<string, number>();
    for (const row of untilEnd ?? []) if (row.orders > 0 && row.lastOrderAt !== null) lastBefore.set(row.client, row.lastOrderAt);
    const active = new Set((inFilter ?? []).filter((row) => row.orders > 0).map((row) => row.client));
    const cohorts = new Map<number, CustomerSummaryRecord[]>();
    for (const row of everything) {
      if (row.orders === 0 || row.firstOrderAt === null) continue;
      const start = calendar.floor(row.firstOrderAt, bucket);
      const members = cohorts.get(start);
      if (members) members.push(row);
      else cohorts.set(start, [row]);
    }
    const rows: Row[] = [];
    for (const start of [...cohorts.keys()].sort((a, b) => a - b)) {
      const members = cohorts.get(start)!;
      if (dated && range) {
        const overlapping = start < range[1] && calendar.add(start, bucket, 1) > range[0];
        if (!overlapping && !members.some((row) => active.has(row.client))) continue;
      }
      let days = 0;
      let buckets = 0;
      for (const row of members) {
        const first = row.firstOrderAt as number;
        const last = dated ? (lastBefore.get(row.client) ?? first) : (row.lastOrderAt as number);
        if (last > first) {
          days += (last - first) / DAY;
          buckets += calendar.diff(calendar.floor(first, bucket), calendar.floor(last, bucket), bucket);
        }
      }
      rows.push({ cohort: calendar.isoDate(start), cohortSize: members.length, meanLifetimeDays: days / members.length, meanLifetimeBuckets: buckets / members.length });
    }
    return { rows, meta: { bucket, period, asOf: Number.isFinite(end) ? end : null } };
  },
};
