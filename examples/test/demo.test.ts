/**
 * The demo dashboard in real headless Chromium: the numbers on screen are checked against an
 * independent count over the sample shop's raw rows (computed here in Node by plain loops,
 * not by @clvkit/analytics), before and after brushing the time chart and clicking a bar.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateShop } from '@clvkit/sample-data';
import { launchBrowser, watchProblems } from './harness.js';

const ORDERS = 20_000;
const SEED = 42;

interface RawOrder {
  id: string;
  client: string;
  start: number;
  payment: number;
  products: Set<string>;
}

/** Every purchase of the demo shop, read straight from the generator's rows. */
function rawOrders(): RawOrder[] {
  const shop = generateShop({ orders: ORDERS, seed: SEED });
  const byId = new Map<string, RawOrder>();
  for (const row of shop.input.sessions.data as Iterable<Record<string, unknown>>) {
    if (row.has_purchased !== true && row.has_purchased !== 1 && row.has_purchased !== 'true') continue;
    const start = row.session_start instanceof Date ? row.session_start.getTime() : typeof row.session_start === 'number' ? row.session_start : Date.parse(String(row.session_start));
    byId.set(String(row.order_id), { id: String(row.order_id), client: String(row.client), start, payment: Number(row.payment_amount), products: new Set() });
  }
  for (const line of shop.input.lines!.data as Iterable<Record<string, unknown>>) {
    byId.get(String(line.order_id))?.products.add(String(line.product));
  }
  return [...byId.values()];
}

/** Orders per product (orders containing it), highest first, ties by name. */
function topProducts(orders: RawOrder[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const order of orders) for (const product of order.products) counts.set(product, (counts.get(product) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const url = inject('demoUrl');
let browser: Browser;
let orders: RawOrder[];

beforeAll(async () => {
  orders = rawOrders();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the demo and waits until every widget has data. */
async function openDemo(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await page.goto(`${url}/dashboard/?orders=${ORDERS}&seed=${SEED}`);
  await page.waitForFunction(() => document.querySelectorAll('clv-dashboard .clv-widget').length >= 5 && !document.querySelector('clv-dashboard [aria-busy="true"]'), undefined, { timeout: 90_000 });
  return { page, problems };
}

/** The exact value of a KPI card (its title attribute holds the unformatted number). */
async function kpi(page: Page, metric: string): Promise<number> {
  return Number(await page.getAttribute(`.clv-kpi[data-metric="${metric}"] .clv-kpi-value`, 'title'));
}

/** Label and value of each bar of a bar list, top first. */
async function bars(page: Page, widget: string): Promise<[string, number][]> {
  return page.$$eval(`.${widget} .clv-bar`, (nodes) =>
    nodes.map((node) => [node.getAttribute('data-value') ?? '', Number(node.querySelector('.clv-bar-value')?.textContent?.replace(/[^0-9.]/g, ''))] as [string, number]),
  );
}

/** Waits until the KPI `metric` shows `expected`. */
async function waitForKpi(page: Page, metric: string, expected: number): Promise<void> {
  await page.waitForFunction(
    ([m, e]) => Number(document.querySelector(`.clv-kpi[data-metric="${m}"] .clv-kpi-value`)?.getAttribute('title')) === e && !document.querySelector('clv-dashboard [aria-busy="true"]'),
    [metric, expected] as const,
    { timeout: 30_000 },
  );
}

describe('demo dashboard in Chromium', () => {
  it('opens with the sample shop numbers', async () => {
    const { page, problems } = await openDemo();
    expect(await kpi(page, 'orders')).toBe(orders.length);
    expect(await kpi(page, 'revenue')).toBeCloseTo(orders.reduce((sum, o) => sum + o.payment, 0), 2);
    const expectedTop = topProducts(orders).slice(0, 10);
    expect(await bars(page, 'clv-top-products')).toEqual(expectedTop);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('brushing the time chart filters the KPIs and the bars to the brushed period', async () => {
    const { page, problems } = await openDemo();
    const chart = page.locator('.clv-time-series svg.clv-svg');
    // d3-brush loads lazily with the chart; its overlay appears once it is attached.
    await page.waitForSelector('.clv-time-series .clv-brush rect.overlay', { state: 'attached' });
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();

    const range = await page.waitForFunction(() => {
      const clause = (window as unknown as { clvDemo: { selection: { value: { predicate: { type: string; field: string; range?: number[] } }[] } } }).clvDemo.selection.value.find(
        (c) => c.predicate.type === 'interval' && c.predicate.field === 'session_start',
      );
      return clause?.predicate.range ?? null;
    });
    const [lo, hi] = (await range.jsonValue()) as [number, number];
    expect(hi).toBeGreaterThan(lo);

    const inRange = orders.filter((o) => o.start >= lo && o.start < hi);
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.length).toBeLessThan(orders.length);
    await waitForKpi(page, 'orders', inRange.length);
    expect(await kpi(page, 'revenue')).toBeCloseTo(inRange.reduce((sum, o) => sum + o.payment, 0), 2);
    expect(await kpi(page, 'visitors')).toBeGreaterThan(0);
    expect(await bars(page, 'clv-top-products')).toEqual(topProducts(inRange).slice(0, 10));

    // Escape on the chart clears the brush and everything returns to the totals.
    await chart.focus();
    await page.keyboard.press('Escape');
    await waitForKpi(page, 'orders', orders.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('clicking a product bar filters the time chart and the KPIs, and keeps the bars', async () => {
    const { page, problems } = await openDemo();
    const lineBefore = await page.getAttribute('.clv-time-series path.clv-line', 'd');
    const [product] = topProducts(orders)[2];
    await page.click(`.clv-top-products .clv-bar[data-value="${product}"]`);

    const withProduct = orders.filter((o) => o.products.has(product));
    await waitForKpi(page, 'orders', withProduct.length);
    expect(await kpi(page, 'revenue')).toBeCloseTo(withProduct.reduce((sum, o) => sum + o.payment, 0), 2);
    await page.waitForFunction((before) => document.querySelector('.clv-time-series path.clv-line')?.getAttribute('d') !== before, lineBefore);
    // The product list is not filtered by its own clause: all ten bars stay, the clicked one pressed.
    expect((await bars(page, 'clv-top-products')).length).toBe(10);
    expect(await page.getAttribute(`.clv-top-products .clv-bar[data-value="${product}"]`, 'aria-pressed')).toBe('true');

    // Shift-click adds a second product: orders containing either.
    const [second] = topProducts(orders)[5];
    await page.click(`.clv-top-products .clv-bar[data-value="${second}"]`, { modifiers: ['Shift'] });
    await waitForKpi(page, 'orders', orders.filter((o) => o.products.has(product) || o.products.has(second)).length);

    // Escape clears the product filter.
    await page.focus(`.clv-top-products .clv-bar[data-value="${product}"]`);
    await page.keyboard.press('Escape');
    await waitForKpi(page, 'orders', orders.length);
    expect(problems).toEqual([]);
    await page.close();
  });
});
