import { calendarFor, interval, type Filter, type Row } from '@clvkit/core';
import { readInstant, shiftBack, shiftForward } from '../as-of.js';
import { newcomersAndChurners } from '../analyses/customers/newcomers-and-churners.js';
import { NEW_LABEL, segmentMovement } from '../analyses/rfm/segment-movement.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { summaryAsOf } from './as-of.js';
import { snapshotOf } from './rfm.js';
import type { SummaryAnalysis } from './types.js';

/**
 * `segment_movement` from summaries: two `rfm` snapshots from summaries, as of `from` and as of
 * `to` (each over the whole history up to its date), joined on client id; the registry's rows
 * and meta.
 */
export const segmentMovementSummary: SummaryAnalysis = {
  name: 'segment_movement',
  async run(request, env) {
    const params = segmentMovement.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const calendar = calendarFor(env.time);
    const to = readInstant('segment_movement', 'to', params.to, calendar) ?? summaryAsOf('segment_movement', request.filter, undefined, env).at?.asOf ?? null;
    const meta = { from: null as number | null, to, customers: 0, segments: [...SEGMENTS, NEW_LABEL] };
    if (to === null) return { rows: [], meta };
    const from = readInstant('segment_movement', 'from', params.from, calendar) ?? shiftBack(to, { unit: 'months', count: 3 }, calendar);
    if (!(from < to)) throw new TypeError(`segment_movement: params.from must be before params.to, got ${new Date(from).toISOString()} and ${new Date(to).toISOString()}`);
    meta.from = from;
    const snapshot = (asOf: number) => snapshotOf('segment_movement', request.filter, { asOf, method: params.method, monetary: params.monetary, seed: params.seed }, env);
    const [before, after] = await Promise.all([snapshot(from), snapshot(to)]);
    const segmentBefore = new Map<string, number>();
    before.clientIds.forEach((client, i) => segmentBefore.set(client, before.segment[i]));
    const k = SEGMENTS.length;
    const counts = new Float64Array((k + 1) * k);
    after.clientIds.forEach((client, i) => {
      const was = segmentBefore.get(client) ?? -1;
      counts[(was < 0 ? k : was) * k + after.segment[i]]++;
    });
    const rows: Row[] = [];
    for (let a = 0; a <= k; a++) {
      for (let b = 0; b < k; b++) {
        const customers = counts[a * k + b];
        if (customers > 0) rows.push({ from: a === k ? NEW_LABEL : SEGMENTS[a], to: SEGMENTS[b], customers });
      }
    }
    meta.customers = after.clientIds.length;
    return { rows, meta };
  },
};

/**
 * `newcomers_and_churners` from summaries: two runs under the filter's other clauses, the
 * orders before the date D (first order, revenue, last order: newcomers, the base, revenue) and
 * the orders in [D, D + H) (who came back); the registry's rows and meta.
 */
export const newcomersAndChurnersSummary: SummaryAnalysis = {
  name: 'newcomers_and_churners',
  async run(request, env) {
    const params = newcomersAndChurners.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const calendar = calendarFor(env.time);
    const explicit = readInstant('newcomers_and_churners', 'date', params.date, calendar);
    const { at, rest } = summaryAsOf('newcomers_and_churners', request.filter, undefined, env);
    const horizon = { [params.horizon.unit]: params.horizon.count };
    const dataEnd = env.timeExtent ? calendar.add(env.timeExtent[1], 'day', 1) : null;
    const date = explicit ?? (at ? shiftBack(at.asOf, params.horizon, calendar) : null);
    if (date === null || !env.timeExtent) {
      const rows: Row[] = ['newcomers', 'churners'].map((group) => ({ group, customers: 0, base: 0, rate: null, revenue: 0 }));
      return { rows, meta: { date: null, horizon, window: null, horizonEnd: null, dataEnd, horizonComplete: false, newcomers: [], churners: [], listLimit: params.limit } };
    }
    const windowStart = shiftBack(date, params.horizon, calendar);
    const horizonEnd = shiftForward(date, params.horizon, calendar);
    if (rest.mode === 'or' && rest.predicates.length > 1) throw new TypeError('newcomers_and_churners: an "or" selection cannot be summarised on this data source; use an "and" selection');
    const within = (lo: number, hi: number): Filter => ({ mode: 'and', predicates: [...rest.predicates, interval('session_start', lo, hi)] });
    const [before, back] = await Promise.all([env.summaries(within(env.timeExtent[0], date)), env.summaries(within(date, horizonEnd))]);
    const returned = new Set(back.filter((row) => row.orders > 0).map((row) => row.client));
    let newcomers = 0;
    let activeBefore = 0;
    let buyersBefore = 0;
    let churners = 0;
    let newcomerRevenue = 0;
    let churnerRevenue = 0;
    const newcomerList: { name: string; value: number }[] = [];
    const churnerList: { name: string; value: number }[] = [];
    for (const row of before) {
      if (row.orders === 0 || row.firstOrderAt === null || row.lastOrderAt === null) continue;
      buyersBefore++;
      if (row.lastOrderAt >= windowStart) activeBefore++;
      if (row.firstOrderAt >= windowStart) {
        newcomers++;
        newcomerRevenue += row.revenue;
        newcomerList.push({ name: row.client, value: row.revenue });
      }
      if (!returned.has(row.client)) {
        churners++;
        churnerRevenue += row.revenue;
        churnerList.push({ name: row.client, value: row.revenue });
      }
    }
    const names = (list: { name: string; value: number }[]): string[] =>
      list
        .sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .slice(0, params.limit)
        .map((x) => x.name);
    const rows: Row[] = [
      { group: 'newcomers', customers: newcomers, base: activeBefore, rate: activeBefore > 0 ? newcomers / activeBefore : null, revenue: newcomerRevenue, from: windowStart, to: date },
      { group: 'churners', customers: churners, base: buyersBefore, rate: buyersBefore > 0 ? churners / buyersBefore : null, revenue: churnerRevenue, from: date, to: horizonEnd },
    ];
    return {
      rows,
      meta: { date, horizon, window: [windowStart, date], horizonEnd, dataEnd, horizonComplete: dataEnd !== null && horizonEnd <= dataEnd, newcomers: names(newcomerList), churners: names(churnerList), listLimit: params.limit },
    };
  },
};
