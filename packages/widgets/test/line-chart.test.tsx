// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import { allOf, interval, isIn, lifecyclePredicate, statusAtPredicate, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { LineChart } from '../src/index.js';
import { mountChart, settleUntil, stateTests } from './chart-helpers.js';
import { click, dragBrush, interact, key, polyfillSvgPoint, settle } from './helpers.js';

beforeAll(polyfillSvgPoint);

const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);
// daily_organic_orders for Jan 1..5, 2024.
const ORGANIC = [10, 12, 8, 14, 6].map((organic, i) => ({ bucket: JAN1 + i * DAY, organic, promoted: [2, 4, 6, 0, 3][i] }));
// Geometry: width 400, margins left 56 / right 16 -> 328 px for 5 days = 65.6 px per day;
// edges at 56, 121.6, 187.2, 252.8, 318.4, 384; points at the middles 88.8, 154.4, 220, 285.6, 351.2.
// Height 200: y from 172 (0) to 12 (the maximum 14, already nice) = 160 / 14 px per order.

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => (
    <LineChart engine={engine} selection={selection} source="lines" report="daily_organic_orders" width={400} height={200} locale="en-US" timeZone="UTC" {...extra} />
  );
}
const svgOf = (container: HTMLElement) => container.querySelector('svg.clv-line-chart') as SVGSVGElement;
const toggle = (container: HTMLElement, series: string) => container.querySelector(`.clv-legend-toggle[data-series="${series}"]`) as HTMLButtonElement;
const dots = (container: HTMLElement, series: string) =>
  [...container.querySelectorAll(`.clv-series[data-series="${series}"] circle`)].map((c) => [round(Number(c.getAttribute('cx'))), round(Number(c.getAttribute('cy')))]);
const round = (n: number) => Math.round(n * 100) / 100;
const tooltip = (container: HTMLElement) => [...container.querySelectorAll('.clv-tooltip text')].map((t) => t.textContent);

async function ready(extra: Record<string, unknown> = {}, rows: unknown[] = ORGANIC, meta?: Record<string, unknown>) {
  const mounted = await mountChart(render(extra), { rows, meta });
  if (mounted.container.querySelector('.clv-brush')) await settleUntil(() => mounted.container.querySelector('.clv-brush .overlay') !== null, 500);
  return mounted;
}

describe('LineChart', () => {
  test('churn by default: the churn column of churn_weekly, in percent', async () => {
    const W = Date.UTC(2024, 0, 1);
    const rows = [
      { bucket: W, engagedAtStart: 10, lost: 2, churn: 0.2, engaged: 9, avgGapDays: 12 },
      { bucket: W + 7 * DAY, engagedAtStart: 9, lost: 3, churn: 1 / 3, engaged: 8, avgGapDays: 11 },
    ];
    const { engine, container } = await ready({ report: undefined }, rows);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'churn_weekly' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Weekly churn');
    expect([...container.querySelectorAll('.clv-legend-toggle')].map((b) => b.textContent)).toEqual(['Churn']);
    expect([...container.querySelectorAll('.clv-axis-y text')].map((t) => t.textContent)).toContain('20%');
  });

  test('one line per series with dots at the bucket middles', async () => {
    const { container } = await ready();
    expect(container.querySelector('.clv-title')!.textContent).toBe('Organic and promoted orders');
    // organic 10 on Jan 1: y = 172 - 10 * 160 / 14 = 57.71; 14 on Jan 4: y = 12.
    expect(dots(container, 'organic').slice(0, 4)).toEqual([
      [88.8, 57.71],
      [154.4, 34.86],
      [220, 80.57],
      [285.6, 12],
    ]);
    expect(dots(container, 'promoted')[3]).toEqual([285.6, 172]);
  });

  test('the legend shows and hides series', async () => {
    const { container } = await ready();
    expect(toggle(container, 'promoted').getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(toggle(container, 'promoted')));
    expect(toggle(container, 'promoted').getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('.clv-series[data-series="promoted"]')).toBeNull();
    await interact(() => click(toggle(container, 'promoted')));
    expect(container.querySelector('.clv-series[data-series="promoted"]')).not.toBeNull();
  });

  test('hover shows a text tooltip with every visible series', async () => {
    const { container } = await ready();
    await interact(() => svgOf(container).dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 160, clientY: 50 })));
    // 160 px lies in Jan 2 (121.6 .. 187.2).
    expect(tooltip(container)).toEqual(['Jan 2, 2024', 'Organic: 12', 'Promoted: 4']);
    await interact(() => svgOf(container).dispatchEvent(new MouseEvent('mouseleave', { bubbles: false })));
    expect(container.querySelector('.clv-tooltip')).toBeNull();
  });

  test('brushing publishes an interval on session_start snapped to days', async () => {
    const { container, selection } = await ready();
    // 100 px is nearest the edge at 121.6 (Jan 2), 200 px nearest 187.2 (Jan 3).
    await dragBrush(container, 100, 200);
    expect(selection.clauseOf('lines')).toEqual({
      source: 'lines',
      predicate: interval('session_start', JAN1 + DAY, JAN1 + 2 * DAY),
      value: { range: [JAN1 + DAY, JAN1 + 2 * DAY], series: null },
      label: 'Period: Jan 2, 2024',
    });
    const brushed = container.querySelector('.clv-brush .selection')!;
    expect(Number(brushed.getAttribute('x'))).toBeCloseTo(121.6, 6);
    expect(Number(brushed.getAttribute('width'))).toBeCloseTo(65.6, 6);
  });

  test('keyboard: arrows read values, Shift+arrows select, Enter filters, Escape clears', async () => {
    const { container, selection } = await ready();
    const svg = svgOf(container);
    expect(svg.getAttribute('tabindex')).toBe('0');
    await interact(() => key(svg, 'ArrowRight'));
    expect(tooltip(container)).toEqual(['Jan 1, 2024', 'Organic: 10', 'Promoted: 2']);
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toBe('Jan 1, 2024, Organic: 10, Promoted: 2');
    await interact(() => key(svg, 'ArrowRight', { shiftKey: true }));
    await interact(() => key(svg, 'ArrowRight', { shiftKey: true }));
    expect(selection.clauseOf('lines')).toBeUndefined();
    await interact(() => key(svg, 'Enter'));
    // Days 0..2 = Jan 1 .. Jan 4 (exclusive).
    expect(selection.clauseOf('lines')?.predicate).toEqual(interval('session_start', JAN1, JAN1 + 3 * DAY));
    await interact(() => key(svg, 'Escape'));
    expect(selection.clauseOf('lines')).toBeUndefined();
  });

  test('a legend Filter button publishes the series clause, combined with a brushed range', async () => {
    const { container, selection } = await ready({ seriesFilters: { promoted: { field: 'is_promoted', values: [true] } } });
    expect(container.querySelector('.clv-legend-filter[data-series="organic"]')).toBeNull();
    const filter = container.querySelector('.clv-legend-filter[data-series="promoted"]')!;
    await interact(() => click(filter));
    expect(selection.clauseOf('lines')).toMatchObject({ predicate: isIn('is_promoted', [true]), label: 'Promoted' });
    expect(filter.getAttribute('aria-pressed')).toBe('true');
    await dragBrush(container, 100, 200);
    expect(selection.clauseOf('lines')).toMatchObject({
      predicate: allOf([interval('session_start', JAN1 + DAY, JAN1 + 2 * DAY), isIn('is_promoted', [true])]),
      label: 'Period: Jan 2, 2024 · Promoted',
    });
    // d3-drag swallows a click right after a drag; a user clicks later.
    await settle();
    await interact(() => click(filter));
    expect(selection.clauseOf('lines')?.predicate).toEqual(interval('session_start', JAN1 + DAY, JAN1 + 2 * DAY));
  });

  test('seriesFilter callback', async () => {
    const { container, selection } = await ready({ seriesFilter: (k: string) => (k === 'organic' ? { predicate: isIn('promotion_id', ['none']), label: 'No promotion' } : null) });
    await interact(() => click(container.querySelector('.clv-legend-filter[data-series="organic"]')!));
    expect(selection.clauseOf('lines')).toMatchObject({ predicate: isIn('promotion_id', ['none']), label: 'No promotion' });
  });

  test('lifecycle: bars stacked around zero, dormant below', async () => {
    const FEB = Date.UTC(2024, 1, 1);
    const rows = [
      { bucket: JAN1, new: 5, returning: 3, resurrecting: 1, dormant: -4, active: 9, quickRatio: 1.5 },
      { bucket: FEB, new: 2, returning: 4, resurrecting: 0, dormant: -2, active: 6, quickRatio: 1 },
    ];
    const { container } = await ready({ report: 'lifecycle' }, rows, { unit: 'month' });
    // y domain [-4, 9] (Jan: 5 + 3 + 1 up, 4 down), 160 / 13 px per customer; zero at 172 - 4 * 160 / 13 = 122.77.
    const bars = [...container.querySelectorAll('.clv-series-bar')];
    expect(bars).toHaveLength(7);
    const zero = Number(container.querySelector('.clv-zero-line')!.getAttribute('y1'));
    expect(zero).toBeCloseTo(122.77, 2);
    const dormant = bars.find((b) => b.classList.contains('clv-series-4'))!;
    expect(Number(dormant.getAttribute('y'))).toBeCloseTo(zero, 6);
    expect(Number(dormant.getAttribute('height'))).toBeCloseTo((4 * 160) / 13, 6);
    const newBar = bars.find((b) => b.classList.contains('clv-series-1'))!;
    expect(Number(newBar.getAttribute('height'))).toBeCloseTo((5 * 160) / 13, 6);
  });

  test('lifecycle: clicking a bar segment selects that group of customers in that month; again clears', async () => {
    const FEB = Date.UTC(2024, 1, 1);
    const MAR = Date.UTC(2024, 2, 1);
    const DEC = Date.UTC(2023, 11, 1);
    const rows = [
      { bucket: JAN1, end: FEB, previous: DEC, new: 5, returning: 3, resurrecting: 1, dormant: -4, active: 9, quickRatio: 1.5 },
      { bucket: FEB, end: MAR, previous: JAN1, new: 2, returning: 4, resurrecting: 0, dormant: -2, active: 6, quickRatio: 1 },
    ];
    const { container, selection } = await ready({ report: 'lifecycle' }, rows, { unit: 'month' });
    const overlay = container.querySelector('.clv-brush .overlay')!;
    const clickAt = (x: number, y: number) =>
      interact(() => {
        overlay.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, clientX: x, clientY: y, view: window }));
        window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, clientX: x, clientY: y, view: window }));
      });
    // x: Jan spans 56 .. 56 + 31/60 * 328 = 225.5 px, Feb the rest. y: zero at 122.77; Jan "new" (5) from 122.77 up to 61.2;
    // Feb dormant (2) from 122.77 down to 147.4.
    await clickAt(140, 100);
    expect(selection.clauseOf('lines')).toMatchObject({
      predicate: lifecyclePredicate('new', { previous: DEC, start: JAN1, end: FEB }),
      label: 'New customers, 2024-01-01',
    });
    expect(container.querySelector('.clv-selected-point')).not.toBeNull();
    await settle();
    await clickAt(300, 135);
    expect(selection.clauseOf('lines')?.predicate).toEqual(lifecyclePredicate('dormant', { previous: JAN1, start: FEB, end: MAR }));
    await settle();
    await clickAt(300, 135);
    expect(selection.clauseOf('lines')).toBeUndefined();
  });

  test('status trend: up/down choose a status, Space selects its customers at that date', async () => {
    const FEB = Date.UTC(2024, 1, 1);
    const cuts = (end: number) => ({ end, activeSince: end - 90 * DAY, longGoneBefore: end - 180 * DAY });
    const rows = [JAN1, FEB].flatMap((bucket, i) =>
      ['active', 'churned', 'long_gone'].map((status, s) => ({ bucket, status, customers: 10 - s * 3 + i, share: null, revenue: 0, ...cuts(i === 0 ? FEB : FEB + 29 * DAY) })),
    );
    const { container, selection } = await ready({ report: 'customer_status_trend', seriesField: 'status', value: 'customers', params: { unit: 'month' } }, rows, { unit: 'month' });
    const svg = svgOf(container);
    await interact(() => key(svg, 'ArrowRight'));
    await interact(() => key(svg, 'ArrowDown'));
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toContain('Space selects the churned customers of this date');
    await interact(() => key(svg, ' '));
    expect(selection.clauseOf('lines')).toMatchObject({ predicate: statusAtPredicate('churned', cuts(FEB)), label: 'Churned at 2024-02-01' });
    await interact(() => key(svg, 'Escape'));
    expect(selection.clauseOf('lines')).toBeUndefined();
  });

  test('series of other reports: meta.value, else every numeric column; the heading lists them', async () => {
    const weekly = [{ bucket: JAN1, sessions: 30, customers: 10, averageSessions: 3 }];
    const one = await mountChart(render({ report: 'weekly_average_session_per_user', labels: { averageSessions: 'Sessions per customer' } }), { rows: weekly, meta: { unit: 'week', value: 'averageSessions' } });
    expect(one.container.querySelector('.clv-title')!.textContent).toBe('Sessions per customer');
    const rows = [{ bucket: JAN1, a: 1, b: 2, c: 3 }];
    const three = await mountChart(render({ report: 'custom_series' }), { rows });
    expect(three.container.querySelector('.clv-title')!.textContent).toBe('a, b and c');
  });

  test('hour-of-day x has no brush unless a field is given', async () => {
    const rows = [0, 1, 2].map((hour) => ({ hour, organic: hour + 1, promoted: 1 }));
    const { container } = await mountChart(render({ report: 'hourly_organic_orders' }), { rows });
    expect(container.querySelector('.clv-brush')).toBeNull();
    expect(dots(container, 'organic')).toHaveLength(3);
  });

  stateTests('line-chart', render(), {
    emptyRows: [],
    emptyText: 'No values in the data',
    source: 'lines',
    ready: { rows: ORGANIC },
    publish: async (container) => {
      await interact(() => key(svgOf(container), 'ArrowRight'));
      await interact(() => key(svgOf(container), 'Enter'));
    },
  });
});
