// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { SegmentsLayout } from '../../src/presets/segments.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { click, fakeEngine, interact, renderInto, settle } from '../helpers.js';
import { rfmResult } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function mountLayout() {
  const engine = fakeEngine((spec) => rfmResult(spec));
  const selection = new Selection();
  const r = renderInto(
    <Dashboard engine={engine} selection={selection} locale="en-US">
      <SegmentsLayout />
    </Dashboard>,
  );
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container };
}

const names = (engine: ReturnType<typeof fakeEngine>) => engine.calls.map((c) => (c.spec.kind === 'analysis' ? c.spec.name : 'aggregate'));

// Twelve widgets with a few thousand dots take a while to render in happy-dom.
describe('SegmentsLayout', { timeout: 30_000 }, () => {
  test('runs every RFM analysis of the seed once, and the customer list', async () => {
    const { engine, container } = await mountLayout();
    expect(names(engine).sort()).toEqual(
      [
        'basket_sensitivity', 'customer_list', 'frequency_clusters', 'frequency_recency', 'monetary_clusters', 'monetary_frequency',
        'recency_clusters', 'recency_monetary', 'rfm_3d', 'segment_movement', 'segmentation', 'segmentation',
      ].sort(),
    );
    expect([...container.querySelectorAll('.clv-title')].map((t) => t.textContent)).toEqual([
      'Customer segments', 'Segment KPIs', 'Frequency vs recency', 'Monetary vs frequency', 'Recency vs monetary', 'RFM in 3-D',
      'Recency clusters', 'Frequency clusters', 'Monetary clusters', 'Basket and discount sensitivity', 'Segment movement', 'Customers of the selected segments',
    ]);
    expect(container.querySelector('.clv-error')).toBeNull();
  });

  test('a treemap click filters every other widget, the customer list included, to the segment', async () => {
    const { engine, selection, container } = await mountLayout();
    const before = engine.calls.length;
    await interact(() => click(container.querySelector('.clv-treemap-tile[data-segment="Champions"]')!));
    await settle();
    const clause = isIn('rfm_segment', ['Champions']);
    expect(selection.value.map((c) => c.predicate)).toEqual([clause]);
    const after = engine.calls.slice(before);
    // Every widget but the treemap asks again with the segment in its filter.
    expect(after.map((c) => (c.spec.kind === 'analysis' ? c.spec.name : '')).sort()).toEqual(
      [
        'basket_sensitivity', 'customer_list', 'frequency_clusters', 'frequency_recency', 'monetary_clusters', 'monetary_frequency',
        'recency_clusters', 'recency_monetary', 'rfm_3d', 'segment_movement', 'segmentation',
      ].sort(),
    );
    for (const call of after) expect(call.filter).toEqual({ mode: 'and', predicates: [clause] });
    expect(container.querySelector('.clv-filter-chip')!.textContent).toContain('Segment: Champions');
  });

  test('a row of the segment KPI table and a scatter legend publish the same field', async () => {
    const { selection, container } = await mountLayout();
    const row = [...container.querySelectorAll('.clv-data-table tbody tr')].find((tr) => tr.textContent!.startsWith('At Risk'))!;
    await interact(() => click(row));
    expect(selection.value.map((c) => c.predicate)).toEqual([isIn('rfm_segment', ['At Risk'])]);
    await interact(() => click(container.querySelector('.clv-widget.clv-scatter .clv-legend button[data-value="Lost"]')!));
    expect(selection.value.map((c) => c.predicate)).toContainEqual(isIn('rfm_segment', ['Lost']));
  });
});
