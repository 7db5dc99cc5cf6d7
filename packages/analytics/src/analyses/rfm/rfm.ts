import type { Row } from '@clvkit/core';
import { customerRfm } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { defineAnalysis } from '../../types.js';
import { readRfmParams, requireOrderColumns, type ReadRfmParams } from './params.js';

/**
 * `rfm` (seed 003 "RFM"): one row per customer with an order by the as-of instant (one-order
 * customers included), in the order clients first appear in sessions:
 * `{ client, recency, frequency, monetary, meanGap, r, f, m, score, segment }` where
 * - recency = (asOf − last order) / 24 h (fractional days); frequency = number of orders;
 *   monetary = Σ payment_amount of those orders, or that sum / orders with
 *   `monetary: 'average'`; meanGap = (last − first order) / 24 h / (orders − 1), null for one
 *   order;
 * - r, f, m = scores 1..5, 5 best (most recent, most frequent, highest spend), by seeded 1-D
 *   k-means (k = 5; recency in days, frequency and monetary on log1p; clusters ranked by
 *   centroid) or by mid-rank quintiles with `method: 'quantile'` (see `scoreMetric`);
 *   score = the string `${r}${f}${m}` (e.g. '545');
 * - segment = the 11-segment map of (R, (F + M) / 2) (see segments.ts).
 *
 * As-of and filter: see `customerRfm` (default asOf = the end of the filter's session_start
 * interval, else the last session_start; the filter's other clauses select the orders; clauses
 * on `rfm_segment` only select customers). Params: `asOf`, `method` ('kmeans' | 'quantile'),
 * `monetary` ('total' | 'average'), `seed` (default 42), `clients` (a list of client ids: only
 * their rows come back, scored among every customer, e.g. one customer's entity view, without
 * sending every row to the page).
 * meta: `{ asOf, method, monetary, segments: SEGMENTS, customers }` (asOf null without session times).
 */
export const rfm = defineAnalysis({
  name: 'rfm',
  description: 'Per customer recency, frequency, monetary value, mean days between orders, R/F/M scores 1..5 and segment',
  params: (raw): ReadRfmParams & { readonly clients: ReadonlySet<string> | null } => {
    const { read, params } = readRfmParams('rfm', raw, ['clients']);
    const clients = read.strings('clients');
    return { ...params, clients: clients ? new Set(clients) : null };
  },
  run(context, params) {
    requireOrderColumns(context, 'rfm');
    const snapshot = customerRfm(context, params, 'rfm');
    const rows: Row[] = [];
    for (let i = 0; i < snapshot.clients.length; i++) {
      const client = snapshot.clientIds[snapshot.clients[i]];
      if (params.clients && !params.clients.has(client)) continue;
      const gap = snapshot.meanGap[i];
      rows.push({
        client,
        recency: snapshot.recency[i],
        frequency: snapshot.frequency[i],
        monetary: snapshot.monetary[i],
        meanGap: Number.isNaN(gap) ? null : gap,
        r: snapshot.r[i],
        f: snapshot.f[i],
        m: snapshot.m[i],
        score: `${snapshot.r[i]}${snapshot.f[i]}${snapshot.m[i]}`,
        segment: SEGMENTS[snapshot.segment[i]],
      });
    }
    return { rows, meta: { asOf: snapshot.asOf, method: snapshot.method, monetary: snapshot.monetaryKind, segments: [...SEGMENTS], customers: snapshot.clients.length } };
  },
});
