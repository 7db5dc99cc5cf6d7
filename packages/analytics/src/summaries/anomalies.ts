import { calendarFor, interval, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { clvrfmAnomaly, clvRfmResult, emptyClvRfmResult } from '../analyses/anomaly/clvrfm-anomaly.js';
import type { SeriesDays } from '../analyses/anomaly/daily-series.js';
import type { AnomalyProgress } from '../analyses/anomaly/detector.js';
import { dfunnelAnomaly, funnelAnomaly, requireFunnelActions } from '../analyses/anomaly/dfunnel-anomaly.js';
import { dordersAnomaly, ordersAnomaly } from '../analyses/anomaly/dorders-anomaly.js';
import { predictionsOf } from '../analyses/clv/predictions.js';
import { DAY_MS } from '../as-of.js';
import { throwIfAborted } from '../context.js';
import type { AnalysisContext } from '../types.js';
import { summaryAsOf, summaryPeriodRange } from './as-of.js';
import { isClientClause, summaryClvModel } from './clv.js';
import { splitSegments } from './segments.js';
import { runOnTimeline } from './timeline-analyses.js';
import type { SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * The anomaly analyses on a remote source: the in-memory features, detector (tfjs, loaded
 * lazily in the worker on the first run) and rows (`ordersAnomaly`, `funnelAnomaly`,
 * `clvRfmResult` of analyses/anomaly), fed with series the server computes:
 *
 * - dorders_anomaly: `daily_orders` (pushed down) under the filter's non-date clauses, every
 *   day of the data; exact.
 * - dfunnel_anomaly: `daily_funnel` (pushed down) likewise; exact. An order log (every session
 *   an order) cannot be told from the pushed-down rows: its funnel is scored, not refused.
 * - dcohort_anomaly: the registry analysis on a timeline dataset (activity and customers
 *   pages, as daily_cohort_downloads); first orders are exact there, so it is exact.
 * - clvrfm_anomaly: the CLV model from summaries (`summaryClvModel`, fitted at asOf −
 *   lookbackDays) and the window's summaries: exact for customers who never ordered twice on
 *   one local day (the model's x and the window's actualOrders count orders, in memory order
 *   days; see summaries/clv.ts).
 */

const SESSION_START = new Set(['session_start', 'sessions.session_start']);

/** Days of a series from its bucket starts (contiguous local days), reported over `range`. */
function seriesDays(starts: readonly number[], range: readonly [number, number] | null, env: SummaryEnv): SeriesDays {
  const calendar = calendarFor(env.time);
  const bounds = starts.length ? [...starts, calendar.add(starts[starts.length - 1], 'day', 1)] : [];
  return { count: starts.length, bounds, range, isoDate: (at) => calendar.isoDate(at) };
}

/** Progress of a summary-based run: only the abort signal is honoured (the worker reports the run as a whole). */
function progressOf(env: SummaryEnv): AnomalyProgress {
  return { checkpoint: async () => (env.signal ? throwIfAborted(env.signal) : undefined) };
}

/** The filter without its session_start intervals: the whole history under the other clauses trains the detector. */
function historyFilter(name: string, filter: Filter, env: SummaryEnv): Filter {
  return summaryAsOf(name, filter, undefined, env).rest;
}

/** A pushed-down analysis's rows through `env.query`. @throws TypeError when the source answers no queries. */
async function serverRows(name: string, request: QueryRequest, env: SummaryEnv): Promise<{ rows: Row[]; meta?: Readonly<Record<string, unknown>> }> {
  if (!env.query) throw new TypeError(`${name} needs the server's daily series, which this data source does not answer`);
  return env.query(request);
}

const paramsOf = (request: QueryRequest) => (request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});

/** `dorders_anomaly` from the server's `daily_orders` (see the module comment). */
export const dordersAnomalySummary: SummaryAnalysis = {
  name: 'dorders_anomaly',
  async run(request, env) {
    const params = dordersAnomaly.params!(paramsOf(request));
    const { rows } = await serverRows('dorders_anomaly', { spec: { kind: 'analysis', name: 'daily_orders' }, filter: historyFilter('dorders_anomaly', request.filter, env) }, env);
    const days = seriesDays(rows.map((r) => Number(r.bucket)), summaryPeriodRange(request.filter, env), env);
    return ordersAnomaly(days, Float64Array.from(rows, (r) => Number(r.orders)), params, progressOf(env));
  },
};

/** `dfunnel_anomaly` from the server's `daily_funnel` (see the module comment). */
export const dfunnelAnomalySummary: SummaryAnalysis = {
  name: 'dfunnel_anomaly',
  async run(request, env) {
    const params = dfunnelAnomaly.params!(paramsOf(request));
    const { rows, meta } = await serverRows('dfunnel_anomaly', { spec: { kind: 'analysis', name: 'daily_funnel' }, filter: historyFilter('dfunnel_anomaly', request.filter, env) }, env);
    const steps = (meta?.steps ?? []) as string[];
    requireFunnelActions(steps);
    const starts: number[] = [];
    const dayOf = new Map<number, number>();
    for (const row of rows) {
      const bucket = Number(row.bucket);
      if (!dayOf.has(bucket)) (dayOf.set(bucket, starts.length), starts.push(bucket));
    }
    const width = steps.length;
    const counts = new Float64Array(starts.length * width);
    for (const row of rows) counts[dayOf.get(Number(row.bucket))! * width + Number(row.stepIndex)] = Number(row.count);
    return funnelAnomaly(seriesDays(starts, summaryPeriodRange(request.filter, env), env), steps, counts, params, progressOf(env));
  },
};

/** `dcohort_anomaly`: the registry analysis on a timeline dataset of activity and customers pages (see the module comment). */
export const dcohortAnomalySummary: SummaryAnalysis = {
  name: 'dcohort_anomaly',
  run: (request, env) => runOnTimeline(request, env, 'required'),
};

/**
 * `clvrfm_anomaly` from summaries: the model of `summaryClvModel` at before = asOf −
 * lookbackDays and its predictions of the window; the window's actual orders and revenue from
 * the summaries of (before, asOf]; recency from the last order by asOf (see the module comment).
 */
export const clvrfmAnomalySummary: SummaryAnalysis = {
  name: 'clvrfm_anomaly',
  async run(request, env) {
    const params = clvrfmAnomaly.params!(paramsOf(request));
    const progress = progressOf(env);
    const { rest } = splitSegments('clvrfm_anomaly', request.filter);
    const now = summaryAsOf('clvrfm_anomaly', rest, params.asOf, env);
    if (!now.at) return emptyClvRfmResult(params, progress);
    const asOf = now.at.asOf;
    const before = asOf - params.lookbackDays * DAY_MS;
    const fit = await summaryClvModel('clvrfm_anomaly', request.filter, before, env);
    if (!fit) return emptyClvRfmResult(params, progress);
    const predictions = await predictionsOf(progress as AnalysisContext, fit.model, params.lookbackDays, 0);
    // The window (before, asOf] under the fit's order clauses (session times are whole ms: > before is >= before + 1).
    const orderClauses = rest.predicates.filter((p) => !isClientClause(p) && !(p.type === 'interval' && SESSION_START.has(p.field)));
    const windowRows = await env.summaries({ mode: 'and', predicates: [...orderClauses, interval('session_start', before + 1, Math.min(asOf + 1, now.at.before))] });
    const inWindow = new Map(windowRows.filter((r) => r.orders > 0).map((r) => [r.client, r]));
    const n = fit.rows.length;
    const recency = new Float64Array(n);
    const actualOrders = new Float64Array(n);
    const actualRevenue = new Float64Array(n);
    fit.rows.forEach((row, i) => {
      const w = inWindow.get(row.client);
      actualOrders[i] = w?.orders ?? 0;
      actualRevenue[i] = w?.revenue ?? 0;
      recency[i] = (asOf - (w?.lastOrderAt ?? (row.lastOrderAt as number))) / DAY_MS;
    });
    return clvRfmResult({ clients: fit.rows.map((r) => r.client), recency, actualOrders, actualRevenue, selected: fit.selected }, fit.model, predictions, { params, asOf, before }, progress);
  },
};

/** The anomaly models, fitted in the worker on series the server computes. */
export const anomalySummaries: readonly SummaryAnalysis[] = [dordersAnomalySummary, dfunnelAnomalySummary, dcohortAnomalySummary, clvrfmAnomalySummary];
