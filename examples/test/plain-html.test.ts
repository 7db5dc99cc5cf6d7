/**
 * The plain-HTML embed in real headless Chromium: one <script> tag of the minified browser
 * bundle (dist/clvkit.js), its worker file beside it, custom elements in the markup, no build.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateShop } from '@clvkit/sample-data';
import { launchBrowser, watchProblems } from './harness.js';

const url = inject('demoUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Orders of the page's sample shop, and orders per category they contain, from the raw rows. */
function expectedCounts(): { orders: number; ordersWithCategory: Map<string, number> } {
  const shop = generateShop({ orders: 20_000, seed: 42 });
  const purchased = new Set<string>();
  for (const row of shop.input.sessions.data as Iterable<Record<string, unknown>>) if (row.has_purchased === true) purchased.add(String(row.order_id));
  const ordersByCategory = new Map<string, Set<string>>();
  for (const line of shop.input.lines!.data as Iterable<Record<string, unknown>>) {
    if (!purchased.has(String(line.order_id))) continue;
    const category = String(line.category);
    if (!ordersByCategory.has(category)) ordersByCategory.set(category, new Set());
    ordersByCategory.get(category)!.add(String(line.order_id));
  }
  return { orders: purchased.size, ordersWithCategory: new Map([...ordersByCategory].map(([c, ids]) => [c, ids.size])) };
}

describe('plain-HTML embed (dist/clvkit.js)', () => {
  it('registers the elements, runs the worker from the sibling file and shows the numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const problems = watchProblems(page);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${url}/plain-html/`);
    await page.waitForFunction(() => document.querySelectorAll('clv-dashboard .clv-widget').length === 5 && !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 90_000 });

    expect(workers.some((w) => w.endsWith('/dist/clvkit.worker.js'))).toBe(true);
    expect(await page.evaluate(() => typeof (window as unknown as { clvkit?: { createEngine?: unknown } }).clvkit?.createEngine)).toBe('function');
    expect(await page.evaluate(() => ['clv-dashboard', 'clv-kpi-cards', 'clv-time-series', 'clv-top-products', 'clv-top-categories', 'clv-dimension-picker'].every((tag) => customElements.get(tag)))).toBe(true);

    const { orders, ordersWithCategory } = expectedCounts();
    expect(Number(await page.getAttribute('.clv-kpi[data-metric="orders"] .clv-kpi-value', 'title'))).toBe(orders);
    expect(await page.locator('.clv-top-products .clv-bar').count()).toBe(10);

    // A click in the bundle's widgets filters the others, as in the module build.
    const firstCategory = await page.getAttribute('.clv-top-categories .clv-bar', 'data-value');
    await page.click('.clv-top-categories .clv-bar');
    const expected = ordersWithCategory.get(firstCategory!);
    expect(expected).toBeGreaterThan(0);
    await page.waitForFunction((want) => Number(document.querySelector('.clv-kpi[data-metric="orders"] .clv-kpi-value')?.getAttribute('title')) === want, expected);
    expect(problems).toEqual([]);
    await page.close();
  });
});
