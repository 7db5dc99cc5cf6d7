import type { Filter, Row } from '@clvkit/core';
import { DAY_MS } from '../as-of.js';
import { rfm as rfmAnalysis } from '../analyses/rfm/rfm.js';
import { segmentation as segmentationAnalysis, segmentRows } from '../analyses/rfm/segmentation.js';
import type { ReadRfmParams } from '../analyses/rfm/params.js';
import type { RfmValues } from '../models/rfm/rfm-values.js';
import { scoreRfm, type RfmScores } from '../models/rfm/score-rfm.js';
import { scoreBins } from '../models/rfm/scores.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { defaultSegments, splitSegments } from './segments.js';
import { summaryAsOf } from './as-of.js';
import type { CustomerSummaryRecord, SummaryAnalysis, SummaryEnv } from './types.js';

/** An RFM snapshot from summaries: the scored values and the client id of each index. */
export interface SummaryRfm extends RfmScores {
  readonly asOf: number | null;
  readonly clientIds: readonly string[];
}

/**
 * Every customer's RFM from summary rows already cut at the as-of instant: the same values
 * `rfmValues` computes from the order log (recency = (asOf − last order) / 24 h, frequency =
 * orders, monetary = revenue or revenue / orders, meanGap = (last − first) / 24 h / (orders − 1)),
 * scored by the same `scoreRfm`. Customers without an order are left out. Index i is
 * `rows`' i-th customer with orders (ascending client id, the summaries' order).
 */
export function rfmFromSummaries(rows: readonly CustomerSummaryRecord[], asOf: number | null, params: Pick<ReadRfmParams, 'method' | 'monetary' | 'seed'>): SummaryRfm {
  const buyers = asOf === null ? [] : rows.filter((row) => row.orders > 0 && row.firstOrderAt !== null && row.lastOrderAt !== null);
  const values: RfmValues = {
    clients: Int32Array.from(buyers, (_, i) => i),
    recency: Float64Array.from(buyers, (row) => ((asOf as number) - (row.lastOrderAt as number)) / DAY_MS),
    frequency: Float64Array.from(buyers, (row) => row.orders),
    monetary: Float64Array.from(buyers, (row) => (params.monetary === 'average' ? row.revenue / row.orders : row.revenue)),
    revenue: Float64Array.from(buyers, (row) => row.revenue),
    meanGap: Float64Array.from(buyers, (row) => (row.orders > 1 ? ((row.lastOrderAt as number) - (row.firstOrderAt as number)) / DAY_MS / (row.orders - 1) : Number.NaN)),
    firstOrder: Float64Array.from(buyers, (row) => row.firstOrderAt as number),
    lastOrder: Float64Array.from(buyers, (row) => row.lastOrderAt as number),
  };
  const scored = scoreRfm(values, { method: params.method, seed: params.seed });
  return { ...scored, asOf, clientIds: buyers.map((row) => row.client) };
}

/**
 * The snapshot of an RFM analysis's request (filter, as-of, params) from the environment's
 * summaries. Clauses on `rfm_segment` (`in` only) do not change the fit, as in memory: the
 * customers are scored without them, then those whose default segment (the field's value) is
 * selected are kept, with the bins of the selection.
 */
export async function snapshotOf(analysis: string, filter: Filter, params: Pick<ReadRfmParams, 'asOf' | 'method' | 'monetary' | 'seed'>, env: SummaryEnv): Promise<SummaryRfm> {
  const { rest, segments } = splitSegments(analysis, filter);
  const { at, summariesFilter } = summaryAsOf(analysis, rest, params.asOf, env);
  const rows = at ? await env.summaries(summariesFilter) : [];
  const full = rfmFromSummaries(rows, at?.asOf ?? null, params);
  if (segments.length === 0) return full;
  const of = await defaultSegments(env);
  const keep = full.clientIds.map((client) => segments.every((wanted) => wanted.has(of.get(client) ?? '')));
  return subset(full, keep);
}

/** The customers of `s` kept by `keep`, with the same scores and the bins of the selection (as `customerRfm`). */
function subset(s: SummaryRfm, keep: readonly boolean[]): SummaryRfm {
  const idx = keep.flatMap((k, i) => (k ? [i] : []));
  const f = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  const u = (a: Uint8Array) => Uint8Array.from(idx, (i) => a[i]);
  const recency = f(s.recency);
  const frequency = f(s.frequency);
  const monetary = f(s.monetary);
  const r = u(s.r);
  const fs = u(s.f);
  const m = u(s.m);
  return {
    ...s,
    clients: Int32Array.from(idx, (_, j) => j),
    clientIds: idx.map((i) => s.clientIds[i]),
    recency,
    frequency,
    monetary,
    revenue: f(s.revenue),
    meanGap: f(s.meanGap),
    firstOrder: f(s.firstOrder),
    lastOrder: f(s.lastOrder),
    r,
    f: fs,
    m,
    segment: u(s.segment),
    bins: { recency: scoreBins(recency, r), frequency: scoreBins(frequency, fs), monetary: scoreBins(monetary, m) },
  };
}

/**
 * `rfm` from summaries: the rows of the registry's `rfm` (same params, as-of and scores).
 * Difference: rows come in ascending client id (the summaries' order), not in the order clients
 * first appear in the sessions.
 */
export const rfmSummary: SummaryAnalysis = {
  name: 'rfm',
  async run(request, env) {
    const params = rfmAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const s = await snapshotOf('rfm', request.filter, params, env);
    const rows: Row[] = [];
    for (let i = 0; i < s.clientIds.length; i++) {
      const client = s.clientIds[i];
      if (params.clients && !params.clients.has(client)) continue;
      const gap = s.meanGap[i];
      rows.push({
        client,
        recency: s.recency[i],
        frequency: s.frequency[i],
        monetary: s.monetary[i],
        meanGap: Number.isNaN(gap) ? null : gap,
        r: s.r[i],
        f: s.f[i],
        m: s.m[i],
        score: `${s.r[i]}${s.f[i]}${s.m[i]}`,
        segment: SEGMENTS[s.segment[i]],
      });
    }
    return { rows, meta: { asOf: s.asOf, method: params.method, monetary: params.monetary, segments: [...SEGMENTS], customers: s.clientIds.length } };
  },
};

/** `segmentation` from summaries: the registry's rows (one per segment, in map order). */
export const segmentationSummary: SummaryAnalysis = {
  name: 'segmentation',
  async run(request, env) {
    const params = segmentationAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const s = await snapshotOf('segmentation', request.filter, params, env);
    const { rows, total, totalRevenue } = segmentRows(s.clientIds.length, s);
    return { rows, meta: { asOf: s.asOf, method: params.method, monetary: params.monetary, customers: total, revenue: totalRevenue, segments: [...SEGMENTS] } };
  },
};
