import type { Row } from '@clvkit/core';
import { customerRfm } from '../../models/rfm/customer-rfm.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { binEdges, scoreHistogram, type BinScale } from './histogram.js';
import { readRfmParams, requireOrderColumns, type ReadRfmParams } from './params.js';

type Metric = 'recency' | 'frequency' | 'monetary';

/** Params of the cluster analyses: the RFM params plus `bins` and `scale`. */
export interface ClusterParams extends ReadRfmParams {
  readonly bins: number;
  readonly scale: BinScale;
}

/** Default histogram bins. */
export const DEFAULT_BINS = 40;

/**
 * `<metric>_clusters` (seed 003 "Recency / Frequency / Monetary Segmentation"): the scores of
 * one metric as `rfm` gives them (same params, as-of and filter). Rows per score 1..5 (5 best,
 * all five, empty ones with zeros): `{ score, customers, min, max, centroid }` where min, max
 * and centroid (the mean) are of the metric's values among the customers with that score
 * (null when none). meta `{ metric, scale, bins: [{ x0, x1, score, customers }], customers,
 * asOf, method, monetary }`: a histogram of the metric over `bins` bins (default 40, 1..200)
 * with edges evenly spaced in v (`scale: 'linear'`, recency's default) or in log1p(v)
 * (`'log'`, the default of frequency and monetary, the space they are clustered in); integer
 * metrics get integer edges (see `binEdges`); one entry per bin and score with customers.
 */
function clusterAnalysis(name: string, metric: Metric, defaultScale: BinScale): AnalysisDefinition<ClusterParams> {
  return defineAnalysis({
    name,
    description: `Customers, value range and centroid of each ${metric} score 1..5, and a histogram of ${metric} by score`,
    params: (raw): ClusterParams => {
      const { read, params } = readRfmParams(name, raw, ['bins', 'scale']);
      return { ...params, bins: read.integer('bins', 1, 200, DEFAULT_BINS), scale: read.oneOf('scale', ['linear', 'log'] as const, defaultScale) };
    },
    run(context, params) {
      requireOrderColumns(context, name);
      const s = customerRfm(context, params, name);
      const scores = metric === 'recency' ? s.r : metric === 'frequency' ? s.f : s.m;
      const rows: Row[] = s.bins[metric].map((b) => ({ score: b.score, customers: b.customers, min: b.min, max: b.max, centroid: b.centroid }));
      const bins = scoreHistogram(s[metric], scores, binEdges(s[metric], params.bins, params.scale));
      return { rows, meta: { metric, scale: params.scale, bins, customers: s.clients.length, asOf: s.asOf, method: s.method, monetary: s.monetaryKind } };
    },
  });
}

/** `recency_clusters`: recency scores (days since the last order; 5 = most recent). */
export const recencyClusters = clusterAnalysis('recency_clusters', 'recency', 'linear');
/** `frequency_clusters`: frequency scores (orders; 5 = most). */
export const frequencyClusters = clusterAnalysis('frequency_clusters', 'frequency', 'log');
/** `monetary_clusters`: monetary scores (revenue or average order value; 5 = most). */
export const monetaryClusters = clusterAnalysis('monetary_clusters', 'monetary', 'log');
