// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { SegmentTreemap } from '../../src/widgets/SegmentTreemap.js';
import { emptySegments, treemapTiles } from '../../src/widgets/rfm/treemap-layout.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key, svgSnapshot } from '../helpers.js';
import { SEGMENTATION } from './fixtures.js';

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <SegmentTreemap engine={engine} selection={selection} source="tm" width={400} height={240} locale="en-US" {...extra} />;
}
const tile = (container: HTMLElement, segment: string) => container.querySelector(`.clv-treemap-tile[data-segment="${segment}"]`) as SVGGElement;
const values = (selection: Selection) => {
  const p = selection.clauseOf('tm')?.predicate;
  return p && p.type === 'in' ? p.values : null;
};
const box = (t: { x0: number; y0: number; x1: number; y1: number }) => [t.x0, t.y0, t.x1, t.y1].map((v) => Math.round(v * 100) / 100);

describe('treemap layout', () => {
  test('two segments 3:1 in 400 x 100: 300 x 100 and 100 x 100', () => {
    // Areas 30,000 and 10,000 px². Squarify lays rows along the short side (100): Champions
    // alone is 300 x 100 (aspect 3); adding Lost would give a row 400 wide with heights 75 / 25
    // (aspect 16), worse, so Lost gets the rest: 100 x 100.
    const tiles = treemapTiles([{ segment: 'Lost', customers: 25 }, { segment: 'Champions', customers: 75 }], 'customers', 400, 100, 0);
    expect(tiles.map((t) => [t.segment, t.share, ...box(t)])).toEqual([
      ['Champions', 0.75, 0, 0, 300, 100],
      ['Lost', 0.25, 300, 0, 400, 100],
    ]);
  });

  test('40 / 20 / 20 in 200 x 100: a square, then two halves; ties in map order; zeros get no tile', () => {
    // Champions: 10,000 px² along the side of 100 -> 100 x 100 (aspect 1). At Risk and Lost
    // share the remaining 100 x 100 square, 5,000 px² each: 100 x 50 (aspect 2 each), At Risk
    // first because it comes first on the map.
    const rows = [
      { segment: 'Lost', customers: 20 },
      { segment: 'Champions', customers: 40 },
      { segment: 'At Risk', customers: 20 },
      { segment: 'Promising', customers: 0 },
    ];
    const tiles = treemapTiles(rows, 'customers', 200, 100, 0);
    expect(tiles.map((t) => [t.segment, ...box(t)])).toEqual([
      ['Champions', 0, 0, 100, 100],
      ['At Risk', 100, 0, 200, 50],
      ['Lost', 100, 50, 200, 100],
    ]);
    expect(emptySegments(rows, 'customers')).toEqual(['Promising']);
  });

  test('revenue sizes tiles by revenue', () => {
    // $3,000 vs $1,000: the 3:1 split of the first test, now by revenue though customers are 1:3.
    const rows = [
      { segment: 'Champions', customers: 10, revenue: 3000 },
      { segment: 'Lost', customers: 30, revenue: 1000 },
    ];
    expect(treemapTiles(rows, 'revenue', 400, 100, 0).map((t) => [t.segment, ...box(t)])).toEqual([
      ['Champions', 0, 0, 300, 100],
      ['Lost', 300, 0, 400, 100],
    ]);
  });
});

describe('SegmentTreemap', () => {
  test('queries segmentation and draws a tile per segment with customers', async () => {
    const { engine, container } = await mountChart(render(), SEGMENTATION);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'segmentation' });
    // 11 segments, Promising has no customers.
    expect(container.querySelectorAll('.clv-treemap-tile')).toHaveLength(10);
    expect(tile(container, 'Promising')).toBeNull();
    expect(container.querySelector('.clv-status')!.textContent).toBe('No customers: Promising');
    // Loyal Customers: 180 of 1,000 customers.
    expect(tile(container, 'Loyal Customers').getAttribute('aria-label')).toBe('Loyal Customers: 180 customers, 18% of customers');
    expect(tile(container, "Can't Lose Them").getAttribute('class')).toContain('clv-seg-cant-lose-them');
    expect(container.querySelector('svg.clv-treemap')!.getAttribute('aria-label')).toBe('Customer segments: 10 segments sized by customers');
  });

  test('a click publishes the segment; shift-click adds; a click on the only one clears', async () => {
    const { container, selection } = await mountChart(render(), SEGMENTATION);
    await interact(() => click(tile(container, 'Champions')));
    expect(selection.clauseOf('tm')).toEqual({ source: 'tm', predicate: isIn('rfm_segment', ['Champions']), value: ['Champions'], label: 'Segment: Champions' });
    expect(tile(container, 'Champions').getAttribute('aria-pressed')).toBe('true');
    expect(tile(container, 'Lost').classList.contains('clv-dimmed')).toBe(true);
    await interact(() => click(tile(container, 'At Risk'), { shiftKey: true }));
    expect(values(selection)).toEqual(['Champions', 'At Risk']);
    expect(selection.clauseOf('tm')?.label).toBe('Segment: Champions, At Risk');
    await interact(() => click(tile(container, 'At Risk'), { shiftKey: true }));
    await interact(() => click(tile(container, 'Champions')));
    expect(selection.clauseOf('tm')).toBeUndefined();
  });

  test('keyboard: one tab stop, arrows move largest first, Enter and Space toggle, Escape clears', async () => {
    const { container, selection } = await mountChart(render(), SEGMENTATION);
    const tiles = [...container.querySelectorAll('.clv-treemap-tile')];
    // Largest first: Loyal Customers (180), then Hibernating (140), Champions and Lost (120 each, map order).
    expect(tiles.slice(0, 4).map((t) => t.getAttribute('data-segment'))).toEqual(['Loyal Customers', 'Hibernating', 'Champions', 'Lost']);
    expect(tiles.map((t) => t.getAttribute('tabindex'))).toEqual(['0', ...Array(9).fill('-1')]);
    (tiles[0] as SVGGElement).focus();
    await interact(() => key(tiles[0], 'ArrowRight'));
    expect(document.activeElement?.getAttribute('data-segment')).toBe('Hibernating');
    await interact(() => key(tile(container, 'Hibernating'), 'Enter'));
    expect(values(selection)).toEqual(['Hibernating']);
    await interact(() => key(tile(container, 'Hibernating'), 'ArrowRight'));
    await interact(() => key(tile(container, 'Champions'), ' ', { shiftKey: true }));
    expect(values(selection)).toEqual(['Hibernating', 'Champions']);
    await interact(() => key(tile(container, 'Champions'), 'Escape'));
    expect(selection.clauseOf('tm')).toBeUndefined();
  });

  test('the revenue switch resizes tiles by revenue', async () => {
    const { container } = await mountChart(render(), SEGMENTATION);
    const area = (segment: string) => {
      const r = tile(container, segment).querySelector('rect')!;
      return Number(r.getAttribute('width')) * Number(r.getAttribute('height'));
    };
    // By customers Champions (120) and Lost (120) are the same size ...
    expect(Math.abs(area('Champions') - area('Lost')) / area('Lost')).toBeLessThan(0.05);
    await interact(() => click(container.querySelector('.clv-segmented button:nth-child(2)')!));
    expect(container.querySelector('.clv-segmented button:nth-child(2)')!.getAttribute('aria-pressed')).toBe('true');
    // ... by revenue Champions ($48,000) is about 13 times Lost ($3,600); padding shaves a little.
    expect(area('Champions') / area('Lost')).toBeGreaterThan(11);
    expect(tile(container, 'Champions').getAttribute('aria-label')).toBe('Champions: $48,000 revenue, 29.9% of revenue');
  });

  test('segment names render as text', async () => {
    const markup = '<img src=x onerror="window.__tm = 1">';
    const { container } = await mountChart(render(), { rows: [{ segment: markup, customers: 5, revenue: 1 }, { segment: 'Lost', customers: 5, revenue: 1 }] });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[style]')).toBeNull();
    expect(tile(container, 'Lost')).not.toBeNull();
  });

  test('SVG snapshot with one segment selected', async () => {
    const { container, selection } = await mountChart(render(), SEGMENTATION);
    await interact(() => selection.update({ source: 'tm', predicate: isIn('rfm_segment', ['At Risk']), value: ['At Risk'] }));
    await expect(svgSnapshot(container.querySelector('svg.clv-treemap')!)).toMatchFileSnapshot('./__snapshots__/segment-treemap.svg');
  });

  stateTests('SegmentTreemap', render(), {
    emptyRows: [{ segment: 'Champions', customers: 0, revenue: 0 }],
    emptyText: 'No customers in the data',
    source: 'tm',
    ready: SEGMENTATION,
    publish: async (container) => {
      await interact(() => click(tile(container, 'Champions')));
    },
  });
});
