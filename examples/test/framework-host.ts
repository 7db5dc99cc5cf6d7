/**
 * The checks the React and Vue host examples share (framework-hosts.test.ts): both pages
 * render a `<clv-dashboard>` with three elements, a `<clv-top-products>` outside it, KPI cards
 * placed with `mount()` in `#mounted`, and show the selection the host state holds in
 * `#selection` and the last `clv-select` source in `#last-select`.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const ORDERS = '#mounted .clv-kpi[data-metric="orders"] .clv-kpi-value';

/** Waits until every widget of the page has data, then clicks a category and checks that the host saw it. */
export async function checkLinkedHost(page: Page): Promise<void> {
  await page.waitForFunction(
    (orders) =>
      document.querySelectorAll('clv-dashboard .clv-widget').length === 3 &&
      document.querySelectorAll('clv-top-products .clv-bar').length === 5 &&
      document.querySelector(orders)?.getAttribute('title') &&
      !document.querySelector('[aria-busy="true"]'),
    ORDERS,
    { timeout: 90_000 },
  );
  expect(await page.textContent('#selection')).toBe('none');
  const allOrders = Number(await page.getAttribute(ORDERS, 'title'));
  expect(allOrders).toBeGreaterThan(0);

  // A click in one element: the host's state (subscribed to the shared Selection) and its
  // clv-select listener see it, and the widget placed with mount() is filtered by it.
  await page.click('clv-top-categories .clv-bar');
  await page.waitForFunction(() => document.querySelector('#selection')?.textContent !== 'none');
  expect(await page.textContent('#last-select')).not.toBe('');
  await page.waitForFunction(([orders, all]) => Number(document.querySelector(orders as string)?.getAttribute('title')) < (all as number), [ORDERS, allOrders] as const);

  // Cleared from the host: every widget drops the filter.
  await page.click('#clear');
  await page.waitForFunction(() => document.querySelector('#selection')?.textContent === 'none');
  await page.waitForFunction(([orders, all]) => Number(document.querySelector(orders as string)?.getAttribute('title')) === all, [ORDERS, allOrders] as const);
  expect(await page.textContent('#errors')).toBe('0');
}

/** Runs the page's unmount hook and checks that no element or widget DOM is left. */
export async function checkUnmountLeavesNothing(page: Page, unmount: () => void): Promise<void> {
  await page.evaluate(unmount);
  const left = await page.evaluate(() => ({
    elements: [...document.querySelectorAll('*')].filter((element) => element.localName.startsWith('clv-')).length,
    widgets: document.querySelectorAll('.clv-widget').length,
    body: document.body.textContent?.trim(),
  }));
  expect(left).toEqual({ elements: 0, widgets: 0, body: '' });
}
