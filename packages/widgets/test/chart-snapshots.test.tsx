// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Selection, type QueryResult } from '@clvkit/core';
import { CohortHeatmap, Donut, Funnel, Histogram, Journey, LineChart } from '../src/index.js';
import { settleUntil } from './chart-helpers.js';
import { fakeEngine, interact, polyfillSvgPoint, renderInto, settle, svgSnapshot } from './helpers.js';

/**
 * SVG snapshots of the chart widgets kept as files (open them in a browser to review a
 * change): fixed rows, fixed sizes, UTC, numbers rounded to 2 decimals.
 */
const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);

let cleanup: (() => void)[] = [];
beforeAll(polyfillSvgPoint);
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function chart(render: (engine: ReturnType<typeof fakeEngine>, selection: Selection) => preact.ComponentChild, result: QueryResult<unknown>, selector = 'svg.clv-svg') {
  const engine = fakeEngine(() => result);
  const selection = new Selection();
  const r = renderInto(render(engine, selection));
  cleanup.push(r.unmount);
  await settle();
  const svg = r.container.querySelector(selector);
  if (!svg) throw new Error(r.container.innerHTML);
  // The brush module loads on demand; a busy machine may take a while.
  if (svg.querySelector('.clv-brush')) await settleUntil(() => svg.querySelector('.clv-brush .overlay') !== null, 500);
  return { svg, selection, container: r.container };
}

const FUNNEL = {
  rows: [
    { bucket: JAN1, step: 'session', count: 1200 },
    { bucket: JAN1, step: 'has_basket', count: 480 },
    { bucket: JAN1, step: 'order_screen', count: 300 },
    { bucket: JAN1, step: 'purchase', count: 180 },
  ],
  meta: { steps: ['session', 'has_basket', 'order_screen', 'purchase'], fields: [null, 'has_basket', 'order_screen', 'has_purchased'] },
};
const LABELS = { session: 'Sessions', has_basket: 'Basket', order_screen: 'Checkout', purchase: 'Purchase' };

describe('chart SVG snapshots', () => {
  test('funnel, horizontal, one step selected', async () => {
    const { svg } = await chart((e, s) => <Funnel engine={e} selection={s} source="f" width={480} labels={LABELS} locale="en-US" />, FUNNEL);
    await interact(() => svg.querySelector('.clv-funnel-step[data-step="order_screen"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/funnel-horizontal.svg');
  });

  test('funnel, vertical', async () => {
    const { svg } = await chart((e, s) => <Funnel engine={e} selection={s} source="f" width={480} height={240} orientation="vertical" labels={LABELS} locale="en-US" />, FUNNEL);
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/funnel-vertical.svg');
  });

  test('cohort heatmap, retention in percent', async () => {
    const cohorts = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
    const sizes = [120, 95, 140, 80];
    const retention = [
      [1, 0.42, 0.31, 0.26],
      [1, 0.38, 0.29],
      [1, 0.45],
      [1],
    ];
    const rows = cohorts.flatMap((cohort, r) => retention[r].map((ratio, offset) => ({ cohort, offset, customers: Math.round(ratio * sizes[r]), cohortSize: sizes[r], retention: ratio })));
    const { svg } = await chart((e, s) => <CohortHeatmap engine={e} selection={s} source="h" width={480} locale="en-US" timeZone="UTC" />, {
      rows,
      meta: { bucket: 'month', cohorts, offsets: [0, 1, 2, 3], cohortSizes: sizes },
    });
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/cohort-heatmap.svg');
  });

  test('histogram with a selected range', async () => {
    const counts = [4, 18, 31, 22, 12, 6, 3, 1];
    const rows = counts.map((customers, i) => ({ x0: i * 25, x1: (i + 1) * 25, customers }));
    const { svg, selection } = await chart((e, s) => <Histogram engine={e} selection={s} source="x" width={480} height={220} locale="en-US" />, { rows });
    await interact(() => selection.update({ source: 'x', predicate: { type: 'interval', field: 'payment_amount', range: [50, 100] }, value: [50, 100] }));
    await settle();
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/histogram.svg');
  });

  test('donut of customer status', async () => {
    const rows = [
      { status: 'active', customers: 620 },
      { status: 'churned', customers: 240 },
      { status: 'long_gone', customers: 140 },
    ];
    const { svg } = await chart((e, s) => <Donut engine={e} selection={s} source="d" size={180} locale="en-US" />, { rows }, 'svg.clv-donut');
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/donut.svg');
  });

  test('line chart, two series per day with a brushed range', async () => {
    const organic = [30, 34, 29, 41, 38, 45, 50, 47, 52, 49];
    const promoted = [5, 9, 14, 8, 6, 12, 20, 11, 7, 9];
    const rows = organic.map((o, i) => ({ bucket: JAN1 + i * DAY, organic: o, promoted: promoted[i] }));
    const { svg, selection } = await chart((e, s) => <LineChart engine={e} selection={s} source="l" report="daily_organic_orders" width={480} height={220} locale="en-US" timeZone="UTC" />, { rows });
    await interact(() => selection.update({ source: 'l', predicate: { type: 'interval', field: 'session_start', range: [JAN1 + 3 * DAY, JAN1 + 6 * DAY] }, value: { range: [JAN1 + 3 * DAY, JAN1 + 6 * DAY], series: null } }));
    await settle();
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/line-chart.svg');
  });

  test('lifecycle bars around zero', async () => {
    const months = [0, 1, 2, 3, 4, 5].map((m) => Date.UTC(2024, m, 1));
    const rows = months.map((bucket, i) => ({ bucket, new: [40, 32, 28, 35, 30, 26][i], returning: [0, 18, 22, 25, 27, 29][i], resurrecting: [0, 0, 4, 6, 5, 7][i], dormant: [0, -22, -14, -15, -18, -16][i] }));
    const { svg } = await chart((e, s) => <LineChart engine={e} selection={s} source="l" report="lifecycle" width={480} height={220} locale="en-US" timeZone="UTC" />, { rows, meta: { unit: 'month' } });
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/lifecycle.svg');
  });

  test('customer journey', async () => {
    const rows = [
      { k: 1, meanOrderValue: 54.2, meanHoursToNext: 610, customers: 1000 },
      { k: 2, meanOrderValue: 61.8, meanHoursToNext: 480, customers: 420 },
      { k: 3, meanOrderValue: 66.1, meanHoursToNext: 400, customers: 210 },
      { k: 4, meanOrderValue: 72.5, meanHoursToNext: null, customers: 120 },
    ];
    const { svg } = await chart((e, s) => <Journey engine={e} selection={s} source="j" width={480} height={240} locale="en-US" />, { rows, meta: {} });
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/journey.svg');
  });
});
