// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { interval, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { ClusterHistogram } from '../../src/widgets/ClusterHistogram.js';
import { clusterRange, clustersOf, toggleClusters } from '../../src/widgets/rfm/clusters.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key, svgSnapshot } from '../helpers.js';
import { FREQUENCY_CLUSTERS, RECENCY_CLUSTERS } from './fixtures.js';

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <ClusterHistogram engine={engine} selection={selection} source="cl" width={400} height={220} locale="en-US" {...extra} />;
}
const bar = (container: HTMLElement, x0: number) => container.querySelector(`.clv-cluster-bar[data-x0="${x0}"]`) as SVGGElement;
const entry = (container: HTMLElement, score: number) => container.querySelector(`.clv-legend button[data-value="${score}"]`) as HTMLButtonElement;

describe('cluster ranges', () => {
  // Recency clusters by value: score 5 (0-29 days), 4 (30-89), 3 (90-179), 2 (180-269), 1 (270-365).
  const clusters = clustersOf(RECENCY_CLUSTERS);

  test('clusters are ordered by value, not by score', () => {
    expect(clusters.map((c) => c.score)).toEqual([5, 4, 3, 2, 1]);
  });

  test('a cluster covers [its min, the next cluster\'s min); the last is open', () => {
    expect(clusterRange(clusters, [4])).toEqual([30, 90]);
    expect(clusterRange(clusters, [5])).toEqual([0, 30]);
    expect(clusterRange(clusters, [1])).toEqual([270, Number.POSITIVE_INFINITY]);
    expect(clusterRange(clusters, [3, 4])).toEqual([30, 180]);
    expect(clusterRange(clusters, [])).toBeNull();
  });

  test('Shift extends to a contiguous run; a plain click selects one or clears it', () => {
    expect(toggleClusters(clusters, [4], 2, true)).toEqual([4, 3, 2]);
    expect(toggleClusters(clusters, [4, 3, 2], 5, true)).toEqual([5, 4, 3, 2]);
    expect(toggleClusters(clusters, [4, 3], 1, false)).toEqual([1]);
    expect(toggleClusters(clusters, [1], 1, false)).toEqual([]);
  });

  test('clusters from the bins when the rows are missing', () => {
    const fromBins = clustersOf({ rows: [], meta: FREQUENCY_CLUSTERS.meta });
    // Score 2: bins [2,3) with 150 and [3,4) with 100 customers.
    expect(fromBins[1]).toEqual({ score: 2, customers: 250, min: 2, max: 4, centroid: null });
  });
});

describe('ClusterHistogram', () => {
  test('bars from meta.bins coloured by score; legend best score first', async () => {
    const { engine, container } = await mountChart(render({ report: 'frequency_clusters' }), FREQUENCY_CLUSTERS);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'frequency_clusters' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Frequency clusters');
    expect(container.querySelectorAll('.clv-cluster-bar')).toHaveLength(12);
    expect(bar(container, 4).getAttribute('class')).toContain('clv-score-3');
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.textContent)).toEqual([
      'Score 59–12 orders · 60',
      'Score 46–8 orders · 110',
      'Score 34–5 orders · 180',
      'Score 22–3 orders · 250',
      'Score 11–1 orders · 400',
    ]);
    expect(entry(container, 2).getAttribute('aria-label')).toBe('Score 2: 250 customers, 2–3 orders');
    // Tallest bin 400 customers: y from 180 (bottom: 220 - 40) to 10 -> 170 px.
    expect(bar(container, 1).querySelector('.clv-cluster-fill')!.getAttribute('height')).toBe('170');
  });

  test('frequency: a bar click filters customer_orders to the cluster; Shift extends; Escape clears', async () => {
    const { container, selection } = await mountChart(render({ report: 'frequency_clusters' }), FREQUENCY_CLUSTERS);
    await interact(() => click(bar(container, 3)));
    // Score 2 holds 2 and 3 orders; score 3 starts at 4 -> [2, 4).
    expect(selection.clauseOf('cl')).toEqual({ source: 'cl', predicate: interval('customer_orders', 2, 4), value: [2], label: 'Frequency: score 2 (2–3 orders)' });
    expect(bar(container, 2).getAttribute('class')).toContain('clv-selected');
    expect(bar(container, 4).getAttribute('class')).toContain('clv-dimmed');
    await interact(() => click(bar(container, 7), { shiftKey: true }));
    // Scores 2, 3, 4: 2 .. 8 orders, up to where score 5 starts (9).
    expect(selection.clauseOf('cl')).toMatchObject({ predicate: interval('customer_orders', 2, 9), value: [2, 3, 4], label: 'Frequency: score 2-4 (2–8 orders)' });
    await interact(() => click(entry(container, 5)));
    expect(selection.clauseOf('cl')?.predicate).toEqual(interval('customer_orders', 9, Number.POSITIVE_INFINITY));
    await interact(() => key(entry(container, 5), 'Escape'));
    expect(selection.clauseOf('cl')).toBeUndefined();
  });

  test('keyboard on the legend: arrows move, Enter selects', async () => {
    const { container, selection } = await mountChart(render({ report: 'frequency_clusters' }), FREQUENCY_CLUSTERS);
    entry(container, 5).focus();
    await interact(() => key(entry(container, 5), 'ArrowDown'));
    expect(document.activeElement).toBe(entry(container, 4));
    await interact(() => key(entry(container, 4), 'Enter'));
    expect(selection.clauseOf('cl')?.predicate).toEqual(interval('customer_orders', 6, 9));
  });

  test('recency: no field holds it, so clusters only highlight, and the widget says so', async () => {
    const { container, selection } = await mountChart(render(), RECENCY_CLUSTERS);
    expect(container.querySelector('.clv-title')!.textContent).toBe('Recency clusters');
    expect(container.querySelector('.clv-selection-bar')!.textContent).toBe("Recency clusters highlight only: no filterable field holds a customer's recency.");
    await interact(() => click(bar(container, 30)));
    expect(selection.clauseOf('cl')).toBeUndefined();
    expect(entry(container, 4).getAttribute('aria-pressed')).toBe('true');
    expect(bar(container, 60).getAttribute('class')).toContain('clv-selected');
    expect(bar(container, 0).getAttribute('class')).toContain('clv-dimmed');
  });

  test('an empty field (an attribute field="") turns filtering off', async () => {
    const { container, selection } = await mountChart(render({ report: 'frequency_clusters', field: '' }), FREQUENCY_CLUSTERS);
    await interact(() => click(bar(container, 1)));
    expect(selection.clauseOf('cl')).toBeUndefined();
    expect(entry(container, 1).getAttribute('aria-pressed')).toBe('true');
  });

  test('a given field makes any metric a filter', async () => {
    const { container, selection } = await mountChart(render({ field: 'rfm_recency' }), RECENCY_CLUSTERS);
    await interact(() => click(bar(container, 30)));
    expect(selection.clauseOf('cl')?.predicate).toEqual(interval('rfm_recency', 30, 90));
  });

  test('bins spaced in log1p are drawn on a log1p axis, equally wide', async () => {
    const result = {
      rows: [{ score: 1, customers: 6, min: 0, max: 6, centroid: 2 }],
      meta: { metric: 'monetary', scale: 'log', bins: [[0, 1], [1, 3], [3, 7]].map(([x0, x1]) => ({ x0, x1, score: 1, customers: 2 })) },
    };
    const { container } = await mountChart(render({ report: 'monetary_clusters' }), result);
    // log1p of the edges 0, 1, 3, 7 is 0, ln 2, ln 4, ln 8: three equal steps over x 48..388 (340 px).
    const xs = [...container.querySelectorAll('.clv-cluster-bar .clv-mark-hit')].map((r) => Math.round(Number(r.getAttribute('x')) * 100) / 100);
    expect(xs).toEqual([48, 161.33, 274.67]);
  });

  test('SVG snapshot', async () => {
    const { container } = await mountChart(render({ report: 'frequency_clusters' }), FREQUENCY_CLUSTERS);
    await expect(svgSnapshot(container.querySelector('svg.clv-cluster-histogram')!)).toMatchFileSnapshot('./__snapshots__/cluster-histogram.svg');
  });

  stateTests('ClusterHistogram', render({ report: 'frequency_clusters' }), {
    emptyRows: [],
    emptyText: 'No customers in the data',
    source: 'cl',
    ready: FREQUENCY_CLUSTERS,
    publish: async (container) => {
      await interact(() => click(bar(container, 1)));
    },
  });
});
