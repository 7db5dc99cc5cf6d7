import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { dataRange, periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { readInstant, readSpan, resolveAsOf, shiftBack, shiftForward, spanParams, type Span } from '../../as-of.js';
import { clientName, ordersUnder } from './scope.js';

/** Params of `newcomers_and_churners`. */
export interface NewcomersAndChurnersParams {
  readonly date: unknown;
  readonly horizon: Span;
  readonly limit: number;
}

const DEFAULT_HORIZON: Span = Object.freeze({ unit: 'days', count: 180 });

/**
 * `newcomers_and_churners` (seed 001 "churn customers" and "newcomer customers" of a selected
 * date, with their rates). With D = `date` and H = the horizon (`horizonDays`, default 180, or
 * `horizonMonths`, calendar months in local time), the window before D is [D − H, D) and the
 * horizon after D is [D, D + H). Orders: every order under the filter's predicates other than
 * its session_start interval.
 *
 * - newcomers: customers whose first order is in [D − H, D); base = the customers with an order
 *   in [D − H, D); rate = newcomers / base;
 * - churners: customers with an order before D and none in [D, D + H); base = the customers
 *   with an order before D; rate = churners / base;
 * - revenue = Σ payment of the group's orders before D (what they had brought by D);
 * - rates are null over an empty base.
 *
 * Rows `{ group: 'newcomers' | 'churners', customers, base, rate, revenue, from, to }`: the
 * newcomers' window [from, to) = [D − H, D), the churners' horizon [from, to) = [D, D + H)
 * (core's `newcomersPredicate` / `churnersPredicate` select a row's customers from them).
 * meta: `{ date, horizon, window: [D − H, D], horizonEnd: D + H, dataEnd, horizonComplete,
 * newcomers, churners, listLimit }`: `newcomers` / `churners` are the client ids (most revenue
 * first, ties by id), at most `limit` (default 100) each. Churn needs data after D: when D + H
 * is past the end of the data (the end of the last session's local day), `horizonComplete` is
 * false and the churners are only those not back so far.
 * Default D: the as-of instant (the end of the filter's session_start interval, else the last
 * session_start) minus H, i.e. the latest date whose horizon is fully observed. `date` takes an
 * ISO date (its local midnight), an ISO date-time or epoch ms.
 */
export const newcomersAndChurners = defineAnalysis({
  name: 'newcomers_and_churners',
  description: 'Newcomers in the horizon before a date and churners with no order in the horizon after it',
  params: (raw): NewcomersAndChurnersParams => {
    const read = new ParamReader('newcomers_and_churners', raw, ['date', 'limit', ...spanParams('horizon')]);
    return { date: raw.date, horizon: readSpan('newcomers_and_churners', raw, 'horizon', DEFAULT_HORIZON), limit: read.integer('limit', 0, 1_000_000, 100) };
  },
  run(context, params) {
    const { calendar } = context;
    const period = periodOf(context);
    const explicit = readInstant('newcomers_and_churners', 'date', params.date, calendar);
    const at = resolveAsOf(context, period, undefined);
    const horizon = { [params.horizon.unit]: params.horizon.count };
    const dataEnd = dataRange(context)?.[1] ?? null;
    const date = explicit ?? (at ? shiftBack(at.asOf, params.horizon, calendar) : null);
    if (date === null) {
      const rows: Row[] = ['newcomers', 'churners'].map((group) => ({ group, customers: 0, base: 0, rate: null, revenue: 0 }));
      return { rows, meta: { date: null, horizon, window: null, horizonEnd: null, dataEnd, horizonComplete: false, newcomers: [], churners: [], listLimit: params.limit } };
    }
    const windowStart = shiftBack(date, params.horizon, calendar);
    const horizonEnd = shiftForward(date, params.horizon, calendar);
    const orders = ordersUnder(context, period.rest);
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const { rows: orderRows, starts, start } = orders;
    let newcomers = 0;
    let activeBefore = 0;
    let buyersBefore = 0;
    let churners = 0;
    let newcomerRevenue = 0;
    let churnerRevenue = 0;
    const newcomerList: number[] = [];
    const churnerList: number[] = [];
    const valueOf = new Float64Array(orders.clients);
    for (let c = 0; c < orders.clients; c++) {
      const from = starts[c];
      const to = starts[c + 1];
      if (from === to || !(start[orderRows[from]] < date)) continue;
      let sum = 0;
      let inWindow = false;
      let i = from;
      for (; i < to && start[orderRows[i]] < date; i++) {
        sum += payment[orderRows[i]];
        if (start[orderRows[i]] >= windowStart) inWindow = true;
      }
      valueOf[c] = sum;
      buyersBefore++;
      if (inWindow) activeBefore++;
      if (start[orderRows[from]] >= windowStart) {
        newcomers++;
        newcomerRevenue += sum;
        newcomerList.push(c);
      }
      const back = i < to && start[orderRows[i]] < horizonEnd;
      if (!back) {
        churners++;
        churnerRevenue += sum;
        churnerList.push(c);
      }
    }
    const names = (list: number[]): string[] => {
      const named = list.map((c) => ({ c, name: clientName(context.derived, c) }));
      named.sort((a, b) => valueOf[b.c] - valueOf[a.c] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return named.slice(0, params.limit).map((x) => x.name);
    };
    const rows: Row[] = [
      { group: 'newcomers', customers: newcomers, base: activeBefore, rate: activeBefore > 0 ? newcomers / activeBefore : null, revenue: newcomerRevenue, from: windowStart, to: date },
      { group: 'churners', customers: churners, base: buyersBefore, rate: buyersBefore > 0 ? churners / buyersBefore : null, revenue: churnerRevenue, from: date, to: horizonEnd },
    ];
    return {
      rows,
      meta: {
        date,
        horizon,
        window: [windowStart, date],
        horizonEnd,
        dataEnd,
        horizonComplete: dataEnd !== null && horizonEnd <= dataEnd,
        newcomers: names(newcomerList),
        churners: names(churnerList),
        listLimit: params.limit,
      },
    };
  },
});
