import type { Row } from '@clvkit/core';
import { frequencyClusters, monetaryClusters, recencyClusters } from '../analyses/rfm/clusters.js';
import { binEdges, scoreHistogram } from '../analyses/rfm/histogram.js';
import { sampleCustomers } from '../analyses/rfm/sample.js';
import { frequencyRecency, monetaryFrequency, recencyMonetary, rfm3d } from '../analyses/rfm/scatter.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import type { AnalysisDefinition } from '../types.js';
import { snapshotOf } from './rfm.js';
import type { SummaryAnalysis } from './types.js';

/**
 * The views of one RFM snapshot (clusters, scatters, 3-D scatter) from summaries: the rows and
 * meta of the registry analyses of the same names, from the snapshot `rfm` computes from
 * summaries (same params, as-of and scores). Difference, as for `rfm`: scatter rows come in
 * client-id order (and the sample beyond `limit` is the same customers, by client-id hash).
 */
type Metric = 'recency' | 'frequency' | 'monetary';

function paramsOf<P>(definition: AnalysisDefinition<P>, raw: Readonly<Record<string, unknown>> | undefined): P {
  return definition.params!(raw ?? {});
}

function clusters(definition: typeof recencyClusters, metric: Metric): SummaryAnalysis {
  return {
    name: definition.name,
    async run(request, env) {
      const params = paramsOf(definition, request.spec.kind === 'analysis' ? request.spec.params : undefined);
      const s = await snapshotOf(definition.name, request.filter, params, env);
      const scores = metric === 'recency' ? s.r : metric === 'frequency' ? s.f : s.m;
      const rows: Row[] = s.bins[metric].map((b) => ({ score: b.score, customers: b.customers, min: b.min, max: b.max, centroid: b.centroid }));
      const bins = scoreHistogram(s[metric], scores, binEdges(s[metric], params.bins, params.scale));
      return { rows, meta: { metric, scale: params.scale, bins, customers: s.clients.length, asOf: s.asOf, method: params.method, monetary: params.monetary } };
    },
  };
}

function pair(definition: typeof frequencyRecency, x: Metric, y: Metric): SummaryAnalysis {
  return {
    name: definition.name,
    async run(request, env) {
      const params = paramsOf(definition, request.spec.kind === 'analysis' ? request.spec.params : undefined);
      const s = await snapshotOf(definition.name, request.filter, params, env);
      const { indices, truncated } = sampleCustomers(s.clientIds, params.limit);
      const rows: Row[] = Array.from(indices, (i) => ({ client: s.clientIds[i], x: s[x][i], y: s[y][i], segment: SEGMENTS[s.segment[i]] }));
      return { rows, meta: { x, y, truncated, customers: s.clients.length, asOf: s.asOf, method: params.method, monetary: params.monetary, segments: [...SEGMENTS] } };
    },
  };
}

/** `recency_clusters`, `frequency_clusters`, `monetary_clusters` from summaries. */
export const clusterSummaries: readonly SummaryAnalysis[] = [clusters(recencyClusters, 'recency'), clusters(frequencyClusters, 'frequency'), clusters(monetaryClusters, 'monetary')];

/** `frequency_recency`, `monetary_frequency`, `recency_monetary` and `rfm_3d` from summaries. */
export const scatterSummaries: readonly SummaryAnalysis[] = [
  pair(frequencyRecency, 'frequency', 'recency'),
  pair(monetaryFrequency, 'monetary', 'frequency'),
  pair(recencyMonetary, 'recency', 'monetary'),
  {
    name: 'rfm_3d',
    async run(request, env) {
      const params = paramsOf(rfm3d, request.spec.kind === 'analysis' ? request.spec.params : undefined);
      const s = await snapshotOf('rfm_3d', request.filter, params, env);
      const { indices, truncated } = sampleCustomers(s.clientIds, params.limit);
      const rows: Row[] = Array.from(indices, (i) => ({ client: s.clientIds[i], recency: s.recency[i], frequency: s.frequency[i], monetary: s.monetary[i], segment: SEGMENTS[s.segment[i]] }));
      return { rows, meta: { truncated, customers: s.clients.length, asOf: s.asOf, method: params.method, monetary: params.monetary, segments: [...SEGMENTS] } };
    },
  },
];
