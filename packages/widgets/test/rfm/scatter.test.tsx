// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { Scatter } from '../../src/widgets/Scatter.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key, svgSnapshot } from '../helpers.js';
import { basketBands, BRACKET_LABELS, discountLines } from '../../src/widgets/rfm/brackets.js';
import { pairRows } from './fixtures.js';

// frequency_recency rows: x = frequency (orders), y = recency (days).
const ROWS = [
  { client: 'c1', x: 1, y: 300, segment: 'Lost' },
  { client: 'c2', x: 2, y: 200, segment: 'Hibernating' },
  { client: 'c3', x: 8, y: 5, segment: 'Champions' },
  { client: 'c4', x: 6, y: 20, segment: 'Champions' },
  { client: 'c5', x: 5, y: 40, segment: 'Loyal Customers' },
];
const RESULT = { rows: ROWS, meta: { x: 'frequency', y: 'recency', truncated: false } };

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Scatter engine={engine} selection={selection} source="sc" width={400} height={300} locale="en-US" {...extra} />;
}
const entry = (container: HTMLElement, value: string) => container.querySelector(`.clv-legend button[data-value="${value}"]`) as HTMLButtonElement;

describe('Scatter', () => {
  test('draws one circle per row in SVG mode, legend in map order', async () => {
    const { container, engine } = await mountChart(render(), RESULT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'frequency_recency' });
    expect(container.querySelector('svg.clv-scatter')!.getAttribute('data-mode')).toBe('svg');
    expect(container.querySelectorAll('.clv-scatter-points circle')).toHaveLength(5);
    expect(container.querySelector('canvas')).toBeNull();
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.getAttribute('data-value'))).toEqual(['Champions', 'Loyal Customers', 'Hibernating', 'Lost']);
  });

  test('legend click publishes the segment', async () => {
    const { container, selection } = await mountChart(render(), RESULT);
    await interact(() => click(entry(container, 'Champions')));
    expect(selection.clauseOf('sc')).toEqual({ source: 'sc', predicate: isIn('rfm_segment', ['Champions']), value: ['Champions'], label: 'Segment: Champions' });
    await interact(() => key(entry(container, 'Champions'), 'Escape'));
    expect(selection.clauseOf('sc')).toBeUndefined();
  });

  test('canvas above the threshold: 2,000 points are circles, 2,001 a canvas', async () => {
    const at = await mountChart(render(), pairRows('frequency_recency', 2000));
    expect(at.container.querySelector('svg.clv-scatter')!.getAttribute('data-mode')).toBe('svg');
    expect(at.container.querySelectorAll('.clv-scatter-points circle')).toHaveLength(2000);
    const above = await mountChart(render(), pairRows('frequency_recency', 2001));
    expect(above.container.querySelector('svg.clv-scatter')!.getAttribute('data-mode')).toBe('canvas');
    expect(above.container.querySelectorAll('.clv-scatter-points circle')).toHaveLength(0);
    const canvas = above.container.querySelector('foreignObject.clv-dot-canvas canvas') as HTMLCanvasElement;
    expect(canvas.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    // The plot is 400 - 60 - 16 = 324 by 300 - 12 - 44 = 244 px, at the device pixel ratio.
    const ratio = Number(canvas.getAttribute('data-ratio'));
    expect([canvas.width, canvas.height]).toEqual([Math.round(324 * ratio), Math.round(244 * ratio)]);
    // The legend still filters.
    await interact(() => click(entry(above.container, 'Lost')));
    expect(above.selection.clauseOf('sc')?.predicate).toEqual(isIn('rfm_segment', ['Lost']));
  });

  test('a click on the plot selects the nearest point\'s segment; hover shows it', async () => {
    const { container, selection } = await mountChart(render(), RESULT);
    const hit = container.querySelector('.clv-scatter-hit')!;
    // Plot x 60..384 for 1..8 orders, y 256..12 for 0..300 days (nice): c3 (8 orders, 5 days)
    // sits at (384, 256 - 5 / 300 * 244) = (384, 251.93); c4 (6, 20) at (291.43, 239.73).
    await interact(() => hit.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 380, clientY: 250 })));
    expect([...container.querySelectorAll('.clv-tooltip text')].map((t) => t.textContent)).toEqual(['c3', 'Frequency: 8', 'Recency: 5', 'Segment: Champions']);
    expect(container.querySelector('[aria-live]')!.textContent).toBe('c3, Frequency: 8, Recency: 5, Segment: Champions');
    await interact(() => click(hit, { clientX: 380, clientY: 250 }));
    expect(selection.clauseOf('sc')?.predicate).toEqual(isIn('rfm_segment', ['Champions']));
    // Far from every point: nothing happens.
    await interact(() => click(hit, { clientX: 100, clientY: 30, shiftKey: true }));
    expect(selection.clauseOf('sc')?.predicate).toEqual(isIn('rfm_segment', ['Champions']));
    await interact(() => hit.dispatchEvent(new PointerEvent('pointerleave', { bubbles: true })));
    expect(container.querySelector('.clv-tooltip')).toBeNull();
  });

  test('keyboard on the legend: arrows move, Enter selects, Shift+Space adds, dimming follows', async () => {
    const { container, selection } = await mountChart(render(), RESULT);
    entry(container, 'Champions').focus();
    await interact(() => key(entry(container, 'Champions'), 'ArrowRight'));
    expect(document.activeElement).toBe(entry(container, 'Loyal Customers'));
    await interact(() => key(entry(container, 'Loyal Customers'), 'Enter'));
    await interact(() => key(entry(container, 'Loyal Customers'), 'End'));
    await interact(() => key(entry(container, 'Lost'), ' ', { shiftKey: true }));
    expect(selection.clauseOf('sc')?.label).toBe('Segment: Loyal Customers, Lost');
    const dimmed = [...container.querySelectorAll('.clv-scatter-points circle')].map((c) => c.classList.contains('clv-dimmed'));
    // Rows: Lost, Hibernating, Champions, Champions, Loyal Customers.
    expect(dimmed).toEqual([false, true, true, true, false]);
  });

  test('basket x discount: brackets highlight only (no field), bands and threshold lines from meta', async () => {
    const result = {
      rows: [
        { client: 'a', averageOrderValue: 20, discountSensitivity: 0.05, basketBracket: 'low', discountBracket: 'low' },
        { client: 'b', averageOrderValue: 80, discountSensitivity: 0.3, basketBracket: 'mid', discountBracket: 'high' },
        { client: 'c', averageOrderValue: 200, discountSensitivity: 0.15, basketBracket: 'high', discountBracket: 'mid' },
      ],
      meta: {
        basketBrackets: [
          { bracket: 'low', min: 20, max: 20, customers: 1 },
          { bracket: 'mid', min: 80, max: 80, customers: 1 },
          { bracket: 'high', min: 200, max: 200, customers: 1 },
        ],
        discountBrackets: [
          { bracket: 'low', min: 0.05, max: 0.05, customers: 1 },
          { bracket: 'mid', min: 0.15, max: 0.15, customers: 1 },
          { bracket: 'high', min: 0.3, max: 0.3, customers: 1 },
        ],
      },
    };
    const { container, selection } = await mountChart(
      render({ report: 'basket_sensitivity', x: 'averageOrderValue', y: 'discountSensitivity', color: 'basketBracket', categoryField: null, labels: BRACKET_LABELS, categories: ['low', 'mid', 'high'], bands: basketBands, lines: discountLines }),
      result,
    );
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.textContent)).toEqual(['Low1', 'Mid1', 'High1']);
    // Axis kinds guessed from the names: money and percent.
    expect(container.querySelector('.clv-axis-x .clv-axis-title')!.textContent).toBe('Average order value');
    expect([...container.querySelectorAll('.clv-axis-y text')].some((t) => t.textContent === '30%')).toBe(true);
    expect([...container.querySelectorAll('.clv-scatter-band-label')].map((t) => t.textContent)).toEqual(['Basket: low', 'Basket: mid', 'Basket: high']);
    expect([...container.querySelectorAll('.clv-scatter-line text')].map((t) => t.textContent)).toEqual(['Discount: mid', 'Discount: high']);
    // Boundaries halfway between brackets: (0.05 + 0.15) / 2 = 0.1 and (0.15 + 0.3) / 2 = 0.225.
    // y runs 256..12 for 0.05..0.3 widened to multiples of the tick step 0.02 (0.25 / 10 = 0.025
    // rounds to 0.02): 0.04..0.3, so 256 - 0.06 / 0.26 * 244 = 199.7 and 256 - 0.185 / 0.26 * 244 = 82.4.
    expect([...container.querySelectorAll('.clv-scatter-line line')].map((l) => Math.round(Number(l.getAttribute('y1')) * 10) / 10)).toEqual([199.7, 82.4]);
    // Basket bands meet halfway too: (20 + 80) / 2 = 50 and (80 + 200) / 2 = 140; the outer ones reach the plot's edges.
    const bandEdges = [...container.querySelectorAll('.clv-scatter-band rect')].map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('x')) + Number(r.getAttribute('width'))]);
    expect(bandEdges[0][0]).toBe(60);
    expect(bandEdges[2][1]).toBe(384);
    expect(bandEdges[0][1]).toBeCloseTo(bandEdges[1][0], 6);
    await interact(() => click(entry(container, 'mid')));
    expect(selection.clauseOf('sc')).toBeUndefined();
    expect(entry(container, 'mid').getAttribute('aria-pressed')).toBe('true');
    expect([...container.querySelectorAll('.clv-scatter-points circle')].map((c) => c.classList.contains('clv-dimmed'))).toEqual([true, false, true]);
    expect(container.querySelector('.clv-legend')!.getAttribute('aria-label')).toContain('highlight only');
  });

  test('log axes: symmetric log positions and 1-2-5 ticks', async () => {
    const rows = [
      { client: 'a', x: 0, y: 1, segment: 'Lost' },
      { client: 'b', x: 99, y: 2, segment: 'Champions' },
    ];
    const { container } = await mountChart(render({ xScale: 'log' }), { rows, meta: { x: 'monetary', y: 'frequency' } });
    const cx = [...container.querySelectorAll('.clv-scatter-points circle')].map((c) => Number(c.getAttribute('cx')));
    // log1p(0) = 0 -> x 60; log1p(99) = ln(100) -> x 384 (the domain's ends).
    expect(cx).toEqual([60, 384]);
    expect([...container.querySelectorAll('.clv-axis-x text:not(.clv-axis-title)')].map((t) => t.textContent)).toEqual(['$0', '$1', '$10']);
  });

  test('SVG snapshot', async () => {
    const { container } = await mountChart(render(), RESULT);
    await expect(svgSnapshot(container.querySelector('svg.clv-scatter')!)).toMatchFileSnapshot('./__snapshots__/scatter.svg');
  });

  stateTests('Scatter', render(), {
    emptyRows: [],
    emptyText: 'No customers in the data',
    source: 'sc',
    ready: RESULT,
    publish: async (container) => {
      await interact(() => click(entry(container, 'Champions')));
    },
  });
});
