// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { Scatter3d } from '../../src/widgets/Scatter3d.js';
import { normaliser, project, rotate, turn } from '../../src/widgets/rfm/projection.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key } from '../helpers.js';
import { rfm3dRows } from './fixtures.js';

const DEG = Math.PI / 180;
const round = (v: number) => Math.round(v * 100) / 100 + 0; // + 0 turns -0 into 0
const screen = (p: { sx: number; sy: number; depth: number }) => [round(p.sx), round(p.sy), round(p.depth)];

describe('3-D projection (centre 100, 100; scale 50)', () => {
  test('no rotation: x right, y up, depth = z', () => {
    expect(screen(project([1, 0.5, -1], { yaw: 0, pitch: 0 }, 100, 100, 50))).toEqual([150, 75, -1]);
  });

  test('yaw 30°: (1, 0, 0) -> x cos 30° = 0.866, z -sin 30° = -0.5', () => {
    // sx = 100 + 50 * 0.8660 = 143.30.
    expect(screen(project([1, 0, 0], { yaw: 30 * DEG, pitch: 0 }, 100, 100, 50))).toEqual([143.3, 100, -0.5]);
  });

  test('pitch 30°: (0, 1, 0) -> y cos 30° = 0.866 up, depth sin 30° = 0.5', () => {
    // sy = 100 - 50 * 0.8660 = 56.70.
    expect(screen(project([0, 1, 0], { yaw: 0, pitch: 30 * DEG }, 100, 100, 50))).toEqual([100, 56.7, 0.5]);
  });

  test('yaw 90°, pitch 90°: z turns to x, x turns to up, y points at the viewer', () => {
    const view = { yaw: 90 * DEG, pitch: 90 * DEG };
    // (0,0,1): yaw gives x' = 1, z' = 0; pitch keeps x -> (150, 100).
    expect(screen(project([0, 0, 1], view, 100, 100, 50))).toEqual([150, 100, 0]);
    // (1,0,0): yaw gives x' = 0, z' = -1; pitch gives y'' = -(-1) * 1 = 1 -> sy = 50.
    expect(screen(project([1, 0, 0], view, 100, 100, 50))).toEqual([100, 50, 0]);
    // (0,1,0): y'' = cos 90° = 0, depth sin 90° = 1.
    expect(screen(project([0, 1, 0], view, 100, 100, 50))).toEqual([100, 100, 1]);
  });

  test('yaw 45°, pitch 30°: the corner (1, 1, 1)', () => {
    // yaw: x' = cos 45° + sin 45° = 1.4142, z' = -sin 45° + cos 45° = 0.
    // pitch: y'' = 1 * cos 30° - 0 = 0.8660, depth = 1 * sin 30° + 0 = 0.5.
    // sx = 100 + 50 * 1.4142 = 170.71, sy = 100 - 50 * 0.8660 = 56.70.
    expect(screen(project([1, 1, 1], { yaw: 45 * DEG, pitch: 30 * DEG }, 100, 100, 50))).toEqual([170.71, 56.7, 0.5]);
    expect(rotate([1, 1, 1], { yaw: 45 * DEG, pitch: 30 * DEG }).map(round)).toEqual([1.41, 0.87, 0.5]);
  });

  test('turning clamps the pitch to ±90° and wraps the yaw', () => {
    expect(turn({ yaw: 0, pitch: 80 * DEG }, 0, 20 * DEG).pitch).toBeCloseTo(90 * DEG, 12);
    expect(turn({ yaw: 170 * DEG, pitch: 0 }, 20 * DEG, 0).yaw).toBeCloseTo(-170 * DEG, 12);
  });

  test('axes normalise to [-1, 1]: linear, and log1p for skewed values', () => {
    const linear = normaliser([0, 10, 20]);
    expect([linear(0), linear(10), linear(20)]).toEqual([-1, 0, 1]);
    // log1p: 0, ln 10, ln 100 -> 9 sits halfway.
    const log = normaliser([0, 9, 99], 'log');
    expect(log(9)).toBeCloseTo(0, 12);
    expect(log.extent).toEqual([0, 99]);
    expect(normaliser([5, 5])(5)).toBe(0);
  });
});

// Two customers at opposite corners of the cube.
const TWO = {
  rows: [
    { client: 'a', recency: 0, frequency: 1, monetary: 0, segment: 'Lost' },
    { client: 'b', recency: 10, frequency: 5, monetary: 100, segment: 'Champions' },
  ],
  meta: { truncated: false },
};

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Scatter3d engine={engine} selection={selection} source="s3" width={400} height={300} locale="en-US" {...extra} />;
}
const plot = (container: HTMLElement) => container.querySelector('svg.clv-scatter3d-plot') as SVGSVGElement;
const view = (container: HTMLElement) => [plot(container).getAttribute('data-yaw'), plot(container).getAttribute('data-pitch')];

describe('Scatter3d', () => {
  test('queries rfm_3d and paints on a canvas with labelled axes and a legend', async () => {
    const { engine, container } = await mountChart(render(), rfm3dRows(300));
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'rfm_3d' });
    expect(container.querySelector('foreignObject canvas')).not.toBeNull();
    expect(container.querySelectorAll('circle')).toHaveLength(0);
    expect([...container.querySelectorAll('.clv-scatter3d-axis-label')].map((t) => t.textContent!.replace(/ [^ ]+$/, ''))).toEqual(['Recency (days)', 'Monetary', 'Frequency (orders)']);
    expect(plot(container).getAttribute('aria-label')).toMatch(/^RFM in 3-D: 300 customers; x Recency \(days\), y Monetary, z Frequency \(orders\)\. Drag or use the arrow keys/);
    expect(container.querySelectorAll('.clv-legend button').length).toBeGreaterThan(5);
  });

  test('arrow keys turn the view by 10°, Home resets it', async () => {
    const { container } = await mountChart(render(), TWO);
    expect(view(container)).toEqual(['-35', '20']);
    await interact(() => key(plot(container), 'ArrowRight'));
    await interact(() => key(plot(container), 'ArrowUp'));
    await interact(() => key(plot(container), 'ArrowUp'));
    expect(view(container)).toEqual(['-25', '40']);
    await interact(() => key(plot(container), 'ArrowLeft'));
    await interact(() => key(plot(container), 'ArrowDown'));
    expect(view(container)).toEqual(['-35', '30']);
    await interact(() => key(plot(container), 'Home'));
    expect(view(container)).toEqual(['-35', '20']);
  });

  test('dragging turns the view by 0.01 rad per pixel', async () => {
    const { container } = await mountChart(render(), TWO);
    const svg = plot(container);
    await interact(() => svg.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 100, clientY: 100, pointerId: 1 })));
    await interact(() => svg.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 150, clientY: 90, pointerId: 1 })));
    await interact(() => svg.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: 150, clientY: 90, pointerId: 1 })));
    // yaw -35° + 50 px * 0.01 rad = -35° + 28.65° = -6.35°; pitch 20° - 10 * 0.01 rad = 20° - 5.73° = 14.27°.
    expect(view(container)).toEqual(['-6', '14']);
  });

  test('hover names the nearest customer at its projected position', async () => {
    const { container } = await mountChart(render({ view: { yaw: 0, pitch: 0 } }), TWO);
    // Centre (200, 150), scale 300 * 0.28 = 84; b is the corner (1, 1, 1) -> (284, 66).
    await interact(() => plot(container).dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 286, clientY: 64 })));
    expect([...container.querySelectorAll('.clv-tooltip text')].map((t) => t.textContent)).toEqual(['b', 'Recency (days): 10', 'Monetary: $100.00', 'Frequency (orders): 5', 'Segment: Champions']);
    // a is (-1, -1, -1) -> (116, 234).
    await interact(() => plot(container).dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 118, clientY: 236 })));
    expect(container.querySelector('.clv-tooltip text')!.textContent).toBe('a');
  });

  test('the legend filters the segment; Escape clears', async () => {
    const { container, selection } = await mountChart(render(), TWO);
    const champions = container.querySelector('.clv-legend button[data-value="Champions"]') as HTMLButtonElement;
    await interact(() => click(champions));
    expect(selection.clauseOf('s3')).toEqual({ source: 's3', predicate: isIn('rfm_segment', ['Champions']), value: ['Champions'], label: 'Segment: Champions' });
    await interact(() => key(champions, 'Escape'));
    expect(selection.clauseOf('s3')).toBeUndefined();
  });

  stateTests('Scatter3d', render(), {
    emptyRows: [],
    emptyText: 'No customers in the data',
    source: 's3',
    ready: TWO,
    publish: async (container) => {
      await interact(() => click(container.querySelector('.clv-legend button[data-value="Lost"]')!));
    },
  });
});
