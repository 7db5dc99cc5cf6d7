// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { interval, Selection } from '@clvkit/core';
import { TimeSeries, TopProducts } from '../src/index.js';
import { brushReady, fakeEngine, interact, polyfillSvgPoint, renderInto, settle, svgSnapshot } from './helpers.js';

/**
 * SVG snapshots kept as files (as observablehq/plot does): each chart with fixed rows and a
 * fixed size, numbers rounded to 2 decimals. Review a changed file by opening it in a browser.
 */
const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);
const DAILY = [3, 5, 4, 8, 12, 9, 7, 10, 14, 11, 6, 9, 13, 15].map((orders, i) => ({ session_start: JAN1 + i * DAY, orders, revenue: orders * 42.5 }));
const MONTHLY = [120, 95, 130, 160, 150, 170].map((orders, i) => ({ session_start: Date.UTC(2024, i, 1), orders, revenue: orders * 51.25 }));

let cleanup: (() => void)[] = [];
beforeAll(polyfillSvgPoint);
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function chart(vnode: preact.ComponentChild) {
  const r = renderInto(vnode);
  cleanup.push(r.unmount);
  await settle();
  const svg = r.container.querySelector('svg.clv-svg');
  if (!svg) throw new Error(r.container.innerHTML);
  if (svg.querySelector('.clv-brush')) await brushReady(svg);
  return svg;
}

describe('SVG snapshots', () => {
  test('time series, orders per day', async () => {
    const engine = fakeEngine(() => ({ rows: DAILY }));
    const svg = await chart(<TimeSeries engine={engine} selection={new Selection()} source="s" width={640} height={240} timeZone="UTC" locale="en-US" />);
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/time-series-day.svg');
  });

  test('time series, revenue per month', async () => {
    const engine = fakeEngine(() => ({ rows: MONTHLY }));
    const svg = await chart(
      <TimeSeries engine={engine} selection={new Selection()} source="s" measure="revenue" bucket="month" width={480} height={200} timeZone="UTC" locale="en-US" currency="USD" />,
    );
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/time-series-month-revenue.svg');
  });

  test('time series with a published interval (brush moved to it)', async () => {
    const engine = fakeEngine(() => ({ rows: DAILY }));
    const selection = new Selection();
    const svg = await chart(<TimeSeries engine={engine} selection={selection} source="s" width={640} height={240} timeZone="UTC" locale="en-US" />);
    await interact(() => selection.update({ source: 's', predicate: interval('session_start', JAN1 + 3 * DAY, JAN1 + 7 * DAY) }));
    await settle();
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/time-series-selected.svg');
  });

  test('top products, one selected', async () => {
    const rows = [
      { product: 'Trail running shoes, waterproof, size 44', orders: 40, quantity: 55, lineRevenue: 4400 },
      { product: 'Merino socks', orders: 30, quantity: 90, lineRevenue: 450 },
      { product: 'Cap', orders: 12, quantity: 12, lineRevenue: 240 },
      { product: 'Water bottle', orders: 7, quantity: 9, lineRevenue: 90 },
    ];
    const engine = fakeEngine(() => ({ rows }));
    const selection = new Selection();
    const svg = await chart(<TopProducts engine={engine} selection={selection} source="p" width={480} locale="en-US" />);
    await interact(() => (svg.querySelector('.clv-bar[data-value="Merino socks"]') as SVGGElement).dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await expect(svgSnapshot(svg)).toMatchFileSnapshot('./__snapshots__/top-products.svg');
  });
});
