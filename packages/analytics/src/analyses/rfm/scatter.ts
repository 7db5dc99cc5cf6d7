import type { Row } from '@clvkit/core';
import { customerRfm, type CustomerRfm } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { readRfmParams, requireOrderColumns, type ReadRfmParams } from './params.js';
import { sampleCustomers } from './sample.js';

/** Most points a scatter returns by default. */
export const DEFAULT_SCATTER_LIMIT = 20_000;
const MAX_SCATTER_LIMIT = 1_000_000;

type Metric = 'recency' | 'frequency' | 'monetary';

/** Params of the scatters: the RFM params plus `limit`. */
export interface ScatterParams extends ReadRfmParams {
  readonly limit: number;
}

function readScatterParams(name: string, raw: Readonly<Record<string, unknown>>): ScatterParams {
  const { read, params } = readRfmParams(name, raw, ['limit']);
  return { ...params, limit: read.integer('limit', 1, MAX_SCATTER_LIMIT, DEFAULT_SCATTER_LIMIT) };
}

/** The customers of the snapshot to draw (see sample.ts). */
function sampled(snapshot: CustomerRfm, limit: number): { indices: Int32Array; truncated: boolean } {
  const ids = Array.from(snapshot.clients, (c) => snapshot.clientIds[c]);
  return sampleCustomers(ids, limit);
}

/**
 * A 2-D scatter of two RFM metrics (seed 003 "Frequency - Recency", "Monetary - Frequency",
 * "Recency - Monetary"): rows `{ client, x, y, segment }` per customer of `rfm` (same values,
 * params, as-of and filter), x the first metric named, y the second. At most `limit` customers
 * (default 20 000): beyond it a deterministic sample by client-id hash (sample.ts), with
 * `truncated: true`. meta: `{ x, y, truncated, customers, asOf, method, monetary, segments }`
 * (customers = all customers before sampling).
 */
function pairAnalysis(name: string, x: Metric, y: Metric): AnalysisDefinition<ScatterParams> {
  return defineAnalysis({
    name,
    description: `Per customer ${x} (x) against ${y} (y), coloured by RFM segment (sampled beyond the limit)`,
    params: (raw) => readScatterParams(name, raw),
    run(context, params) {
      requireOrderColumns(context, name);
      const s = customerRfm(context, params, name);
      const { indices, truncated } = sampled(s, params.limit);
      const rows: Row[] = new Array(indices.length);
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        rows[k] = { client: s.clientIds[s.clients[i]], x: s[x][i], y: s[y][i], segment: SEGMENTS[s.segment[i]] };
      }
      return { rows, meta: { x, y, truncated, customers: s.clients.length, asOf: s.asOf, method: s.method, monetary: s.monetaryKind, segments: [...SEGMENTS] } };
    },
  });
}

/** `frequency_recency`: x = frequency (orders), y = recency (days). */
export const frequencyRecency = pairAnalysis('frequency_recency', 'frequency', 'recency');
/** `monetary_frequency`: x = monetary, y = frequency. */
export const monetaryFrequency = pairAnalysis('monetary_frequency', 'monetary', 'frequency');
/** `recency_monetary`: x = recency (days), y = monetary. */
export const recencyMonetary = pairAnalysis('recency_monetary', 'recency', 'monetary');

/**
 * `rfm_3d` (seed 003 "RFM 3D Scatter"): rows `{ client, recency, frequency, monetary, segment }`
 * per customer of `rfm`, capped and sampled like the 2-D scatters (`limit`, default 20 000).
 * meta: `{ truncated, customers, asOf, method, monetary, segments }`.
 */
export const rfm3d = defineAnalysis({
  name: 'rfm_3d',
  description: 'Per customer recency, frequency and monetary value with the segment, for a 3-D scatter (sampled beyond the limit)',
  params: (raw): ScatterParams => readScatterParams('rfm_3d', raw),
  run(context, params) {
    requireOrderColumns(context, 'rfm_3d');
    const s = customerRfm(context, params, 'rfm_3d');
    const { indices, truncated } = sampled(s, params.limit);
    const rows: Row[] = new Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      rows[k] = { client: s.clientIds[s.clients[i]], recency: s.recency[i], frequency: s.frequency[i], monetary: s.monetary[i], segment: SEGMENTS[s.segment[i]] };
    }
    return { rows, meta: { truncated, customers: s.clients.length, asOf: s.asOf, method: s.method, monetary: s.monetaryKind, segments: [...SEGMENTS] } };
  },
});
