// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { interval, isIn, Selection } from '@clvkit/core';
import { TimeSeries } from '../src/index.js';
import { brushReady, click, dragBrush, fakeEngine, interact, key, polyfillSvgPoint, renderInto, settle } from './helpers.js';

const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);
// Ten daily buckets Jan 1..10, 2024: orders 1..10, revenue 10x.
const DAILY = Array.from({ length: 10 }, (_, i) => ({ session_start: JAN1 + i * DAY, orders: i + 1, revenue: 10 * (i + 1) }));

beforeAll(polyfillSvgPoint);

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(props: Record<string, unknown> = {}, rows: unknown[] = DAILY) {
  const engine = fakeEngine(() => ({ rows: rows as Record<string, unknown>[] }));
  const selection = new Selection();
  const r = renderInto(<TimeSeries engine={engine} selection={selection} source="time" width={400} height={200} timeZone="UTC" locale="en-US" {...props} />);
  cleanup.push(r.unmount);
  await settle();
  const svg = r.container.querySelector('svg.clv-svg') as SVGSVGElement;
  if (svg) await brushReady(svg);
  return { engine, selection, container: r.container, svg };
}

const drag = dragBrush;

const range = (selection: Selection) => {
  const p = selection.clauseOf('time')?.predicate;
  return p && p.type === 'interval' ? p.range : null;
};

// Geometry: width 400, margins left 56 / right 16 -> plot x from 56 to 384 = 328 px for the
// 10 days Jan 1 .. Jan 11 (exclusive), so 32.8 px per day; edge k is at 56 + 32.8 k.

describe('TimeSeries', () => {
  test('queries a filled aggregate of orders and revenue by day', async () => {
    const { engine } = await setup();
    expect(engine.calls[0].spec).toEqual({
      kind: 'aggregate',
      groupBy: [{ field: 'session_start', bucket: 'day' }],
      measures: ['orders', 'revenue'],
      fill: true,
    });
  });

  test('loading skeleton, then the chart; zero rows say why', async () => {
    const pending = fakeEngine();
    const r = renderInto(<TimeSeries engine={pending} selection={new Selection()} width={400} />);
    cleanup.push(r.unmount);
    await settle();
    expect(r.container.querySelector('.clv-skeleton-chart')).not.toBeNull();
    const { container } = await setup({}, DAILY.map((row) => ({ ...row, orders: 0, revenue: 0 })));
    expect(container.querySelector('.clv-empty')!.textContent).toBe('No orders in the data');
  });

  test('brushing publishes an interval snapped to day edges with a readable label', async () => {
    const { selection, container } = await setup();
    // 100 px is nearest to edge 1 (88.8), 200 px nearest to edge 4 (187.2): Jan 2 .. Jan 5 (exclusive).
    await drag(container, 100, 200);
    expect(selection.clauseOf('time')).toEqual({
      source: 'time',
      predicate: interval('session_start', JAN1 + DAY, JAN1 + 4 * DAY),
      value: [JAN1 + DAY, JAN1 + 4 * DAY],
      label: 'Period: Jan 2\u2009–\u20094, 2024',
    });
    // The brush itself moved to the snapped edges: x 88.8, width 3 days = 98.4.
    const brushed = container.querySelector('.clv-brush .selection')!;
    expect(Number(brushed.getAttribute('x'))).toBeCloseTo(88.8, 6);
    expect(Number(brushed.getAttribute('width'))).toBeCloseTo(98.4, 6);
    expect(container.querySelector('.clv-selection-bar')!.textContent).toContain('Period: Jan 2\u2009–\u20094, 2024');
  });

  test('a brush narrower than half a day selects the day it lies in', async () => {
    const { selection, container } = await setup();
    // 125..135 px lies inside day 3 (edges 121.6 .. 154.4): Jan 3.
    await drag(container, 125, 135);
    expect(range(selection)).toEqual([JAN1 + 2 * DAY, JAN1 + 3 * DAY]);
  });

  test('a click without dragging clears the interval', async () => {
    const { selection, container } = await setup();
    await drag(container, 100, 200);
    await drag(container, 300, 300);
    expect(selection.clauseOf('time')).toBeUndefined();
  });

  test('keyboard: arrows move, shift+arrows extend, Enter applies, Escape clears', async () => {
    const { selection, svg, container } = await setup();
    expect(svg.getAttribute('tabindex')).toBe('0');
    await interact(() => key(svg, 'ArrowRight')); // cursor on day 0 (Jan 1)
    await interact(() => key(svg, 'ArrowRight')); // day 1 (Jan 2)
    await interact(() => key(svg, 'ArrowRight', { shiftKey: true })); // extend to day 2
    await interact(() => key(svg, 'ArrowRight', { shiftKey: true })); // extend to day 3
    // The pending range is drawn but not published yet.
    expect(selection.clauseOf('time')).toBeUndefined();
    const pending = container.querySelector('.clv-keyboard-range')!;
    expect(Number(pending.getAttribute('x'))).toBeCloseTo(88.8, 6);
    await interact(() => key(svg, 'Enter'));
    // Days 1..3 = Jan 2 .. Jan 5 (exclusive).
    expect(range(selection)).toEqual([JAN1 + DAY, JAN1 + 4 * DAY]);
    expect(container.querySelector('.clv-keyboard-range')).toBeNull();
    await interact(() => key(svg, 'Escape'));
    expect(selection.clauseOf('time')).toBeUndefined();
  });

  test('keyboard: Home and End, and shift+Left extends backwards', async () => {
    const { selection, svg } = await setup();
    await interact(() => key(svg, 'End')); // cursor on the last day (Jan 10)
    await interact(() => key(svg, 'ArrowLeft', { shiftKey: true }));
    await interact(() => key(svg, 'Enter'));
    expect(range(selection)).toEqual([JAN1 + 8 * DAY, JAN1 + 10 * DAY]);
  });

  test('the Clear button and Escape remove the interval', async () => {
    const { selection, svg, container } = await setup();
    await drag(container, 100, 200);
    // d3-drag swallows the click that immediately follows a drag; a user clicks later.
    await settle();
    await interact(() => click(container.querySelector('.clv-selection-bar .clv-clear')!));
    expect(selection.clauseOf('time')).toBeUndefined();
    expect(container.querySelector('.clv-brush .selection')!.getAttribute('style')).toContain('display: none');
    await drag(container, 100, 200);
    await interact(() => key(svg, 'Escape'));
    expect(selection.clauseOf('time')).toBeUndefined();
  });

  test('its own interval is not in its own filter; another widget clause is', async () => {
    const { engine, selection, container } = await setup();
    await drag(container, 100, 200);
    await settle();
    expect(engine.calls).toHaveLength(1);
    const shoes = isIn('category', ['Shoes']);
    await interact(() => selection.update({ source: 'cats', predicate: shoes }));
    await settle();
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1].filter).toEqual({ mode: 'and', predicates: [shoes] });
  });

  test('bucket and measure switches', async () => {
    const { engine, container } = await setup();
    const button = (label: string) => [...container.querySelectorAll('.clv-segmented button')].find((b) => b.textContent === label)!;
    await interact(() => click(button('Week')));
    await settle();
    expect(engine.last().spec).toMatchObject({ groupBy: [{ field: 'session_start', bucket: 'week' }] });
    await interact(() => click(button('Revenue')));
    expect(container.querySelector('.clv-title')!.textContent).toBe('Revenue over time');
    expect(button('Revenue').getAttribute('aria-pressed')).toBe('true');
    // The revenue axis is money: max 100 -> d3 picks 6 ticks of 20 for a count of 4, as compact dollars.
    const yTicks = [...container.querySelectorAll('.clv-axis-y text')].map((t) => t.textContent);
    expect(yTicks).toEqual(['$0', '$20', '$40', '$60', '$80', '$100']);
  });

  test('x ticks are readable dates', async () => {
    const { container } = await setup();
    const ticks = [...container.querySelectorAll('.clv-axis-x text')].map((t) => t.textContent);
    // d3's two-day UTC interval counts days since the epoch: Jan 1, 2024 is day 19723 (odd), so ticks fall on Jan 2, 4, ...
    expect(ticks).toEqual(['Jan 2', 'Jan 4', 'Jan 6', 'Jan 8', 'Jan 10']);
  });

  test('snaps to local day edges in the data time zone', async () => {
    // Berlin is UTC+1 in January: local midnights are at 23:00 UTC the day before.
    const start = Date.UTC(2023, 11, 31, 23);
    const rows = Array.from({ length: 10 }, (_, i) => ({ session_start: start + i * DAY, orders: 1, revenue: 1 }));
    const { selection, container } = await setup({ timeZone: 'Europe/Berlin' }, rows);
    await drag(container, 100, 200);
    expect(range(selection)).toEqual([start + DAY, start + 4 * DAY]);
    expect(selection.clauseOf('time')!.label).toBe('Period: Jan 2\u2009–\u20094, 2024');
  });
});
