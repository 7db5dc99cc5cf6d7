/**
 * Which analyses the benchmark times, read from the registry rather than listed by hand, so a
 * new exploratory analysis joins the benchmark by being registered.
 */
import { getAnalysis, reportNames, runAnalysis } from '@clvkit/analytics';
import { NO_FILTER, type Dataset } from '@clvkit/core';
import { RFM_ANALYSES } from '../../packages/analytics/src/analyses/rfm/index.js';
import { CLV_ANALYSES } from '../../packages/analytics/src/analyses/clv/index.js';
import { ABTEST_ANALYSES } from '../../packages/analytics/src/analyses/abtest/index.js';
import { ANOMALY_ANALYSES } from '../../packages/analytics/src/analyses/anomaly/index.js';
import { SEARCH_ANALYSES } from '../../packages/analytics/src/analyses/search/index.js';

/** The model groups of issue 4: not part of the exploratory set (issue 3). */
const MODEL_GROUPS = [RFM_ANALYSES, CLV_ANALYSES, ABTEST_ANALYSES, ANOMALY_ANALYSES, SEARCH_ANALYSES];

/**
 * The exploratory set: every registered analysis that is not long and not in the RFM, CLV,
 * A/B-test, anomaly or search groups (KPIs, orders over time, stats, funnels, journey,
 * cohorts, commerce, customers), in name order.
 */
export function exploratoryAnalyses(): string[] {
  const models = new Set(MODEL_GROUPS.flatMap((group) => group.map((d) => d.name)));
  return reportNames().filter((name) => !getAnalysis(name)!.long && !models.has(name));
}

/** The RFM analyses with k-means scoring timed against the 2 s target. */
export const RFM_TARGET = ['rfm', 'segmentation'] as const;

/**
 * Params for the analyses that have a required one (an entity to look at): the product of the
 * most orders and the client of the most orders, found outside the timings. Every other
 * analysis runs with its defaults (`{}`).
 */
export function entityParams(dataset: Dataset): Record<string, Record<string, unknown>> {
  const product = String(runAnalysis(dataset, 'most_ordered_products', { limit: 1, metric: 'orders' }, NO_FILTER).rows[0]?.product ?? '');
  const client = topClient(dataset);
  return {
    product_kpis: { product },
    bought_with: { product },
    client_kpis: { client },
  };
}

function topClient(dataset: Dataset): string {
  const column = dataset.sessions.columns.client;
  const purchased = dataset.sessions.columns.has_purchased;
  if (column?.type !== 'string') return '';
  const counts = new Int32Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) {
    if (column.codes[i] >= 0 && (purchased?.type !== 'boolean' || purchased.values[i])) counts[column.codes[i]]++;
  }
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
  return column.dictionary[best] ?? '';
}
