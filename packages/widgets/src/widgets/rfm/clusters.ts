import { interval, type QueryResult, type Row } from '@clvkit/core';
import type { MarkFilter } from '../../charts/mark-filter.js';
import { seriesClass } from '../../charts/text.js';

/** One histogram bin of a cluster analysis (`meta.bins`). */
export interface ClusterBin {
  readonly x0: number;
  readonly x1: number;
  readonly score: number;
  readonly customers: number;
}

/** One cluster (a score 1..5) with its value range. */
export interface Cluster {
  readonly score: number;
  readonly customers: number;
  readonly min: number;
  readonly max: number;
  readonly centroid: number | null;
}

/** The RFM metric a cluster analysis is about. */
export type ClusterMetric = 'recency' | 'frequency' | 'monetary';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The histogram bins of a cluster result (`meta.bins`), ordered by x0; malformed bins are skipped. */
export function clusterBins(result: QueryResult<Row> | null | undefined): ClusterBin[] {
  const bins = (result?.meta as { bins?: unknown } | undefined)?.bins;
  if (!Array.isArray(bins)) return [];
  const out: ClusterBin[] = [];
  for (const b of bins as Record<string, unknown>[]) {
    const x0 = num(b?.x0);
    const x1 = num(b?.x1);
    const score = num(b?.score);
    if (x0 === null || x1 === null || score === null) continue;
    out.push({ x0, x1, score, customers: Math.max(num(b.customers) ?? 0, 0) });
  }
  return out.sort((a, b) => a.x0 - b.x0);
}

/**
 * The clusters of a cluster result, ordered by their lowest value: from the rows
 * (`{score, customers, min, max, centroid}`), else from the bins of each score.
 */
export function clustersOf(result: QueryResult<Row> | null | undefined): Cluster[] {
  const rows = (result?.rows ?? []).filter((r) => num(r?.score) !== null && num(r?.min) !== null && num(r?.max) !== null);
  const clusters: Cluster[] = rows.length > 0
    ? rows.map((r) => ({ score: r.score as number, customers: Math.max(num(r.customers) ?? 0, 0), min: r.min as number, max: r.max as number, centroid: num(r.centroid) }))
    : [...new Set(clusterBins(result).map((b) => b.score))].map((score) => {
        const bins = clusterBins(result).filter((b) => b.score === score);
        return { score, customers: bins.reduce((s, b) => s + b.customers, 0), min: Math.min(...bins.map((b) => b.x0)), max: Math.max(...bins.map((b) => b.x1)), centroid: null };
      });
  return clusters.sort((a, b) => a.min - b.min || a.score - b.score);
}

/** The metric of a cluster result: `meta.metric`, else the report name's prefix. */
export function clusterMetric(result: QueryResult<Row> | null | undefined, reportName: string): ClusterMetric | null {
  const meta = (result?.meta as { metric?: unknown } | undefined)?.metric;
  const name = typeof meta === 'string' ? meta : reportName.replace(/_clusters$/, '');
  return name === 'recency' || name === 'frequency' || name === 'monetary' ? name : null;
}

/**
 * The half-open value range [lo, hi) of the clusters `scores` (contiguous by value): from the
 * lowest cluster's min to the min of the cluster after the highest (Infinity for the last), so
 * every value of those clusters, and nothing else in the data, falls inside.
 */
export function clusterRange(clusters: readonly Cluster[], scores: readonly number[]): [number, number] | null {
  const positions = clusters.map((c, i) => (scores.includes(c.score) ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return null;
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  return [clusters[first].min, last + 1 < clusters.length ? clusters[last + 1].min : Number.POSITIVE_INFINITY];
}

/**
 * The scores selected after a click on `score`: a plain click selects that cluster alone (or
 * clears it when it was the only one); Shift extends the selection to a contiguous run of
 * clusters (by value) from the selected ones to `score`, so it stays one interval.
 */
export function toggleClusters(clusters: readonly Cluster[], current: readonly number[], score: number, extend: boolean): number[] {
  if (!extend || current.length === 0) return current.length === 1 && current[0] === score ? [] : [score];
  const position = (s: number) => clusters.findIndex((c) => c.score === s);
  const at = [...current, score].map(position).filter((i) => i >= 0);
  const lo = Math.min(...at);
  const hi = Math.max(...at);
  return clusters.slice(lo, hi + 1).map((c) => c.score);
}

/**
 * The default filter of a cluster range per metric: frequency clusters are the customers with
 * that many orders, `interval('customer_orders', lo, hi)` (the derived field; frequency under
 * the default RFM params counts every order to the data's end, as customer_orders does).
 * Recency and monetary have no derived field yet: null (highlight only).
 */
export function defaultClusterField(metric: ClusterMetric | null): string | null {
  return metric === 'frequency' ? 'customer_orders' : null;
}

/** `interval(field, lo, hi)` with a chip label such as "Frequency: score 4-5 (3+ orders)". */
export function clusterIntervalFilter(field: string, range: readonly [number, number], label: string): MarkFilter {
  return { predicate: interval(field, range[0], range[1]), label };
}

/** Colour classes of a score 1 (worst) .. 5 (best): `clv-series-<n> clv-score-<score>` (red to green, as SCORE_TOKENS). */
export function scoreClass(score: number): string {
  const series = [8, 2, 7, 6, 3][Math.min(Math.max(Math.round(score), 1), 5) - 1];
  return `${seriesClass(series - 1)} clv-score-${Math.round(score)}`;
}
