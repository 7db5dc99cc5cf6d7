// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { Scatter } from '../../src/widgets/Scatter.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key } from '../helpers.js';

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

  test('canvas above the threshold', async () => {
    const { container } = await mountChart(render({ canvasThreshold: 4 }), RESULT);
    expect(container.querySelector('svg.clv-scatter')!.getAttribute('data-mode')).toBe('canvas');
    expect(container.querySelector('canvas')).not.toBeNull();
    console.log(container.querySelector('canvas')!.constructor.name, container.querySelector('canvas')!.namespaceURI);
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
