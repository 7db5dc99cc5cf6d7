/**
 * Every dashboard preset of the demo in real headless Chromium (issues 3 and 4): each opens with every widget
 * ready (or in its documented empty state) and nothing logged, and the three cross-filters of
 * issue 3 move the other widgets to exactly the numbers an independent count over the sample
 * shop's raw rows gives (plain loops here in Node, not @clvkit/analytics): a retention cohort
 * cell, a funnel step and a customer-status donut slice.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateShop } from '@clvkit/sample-data';
import { launchBrowser, watchProblems } from './harness.js';
import { PRESET_WIDGETS, widgetStates } from './presets.js';

const ORDERS = 20_000;
const SEED = 42;

interface RawSession {
  client: string;
  start: number;
  purchased: boolean;
  basket: boolean;
  payment: number;
}

/** Every session of the demo shop, read straight from the generator's rows. */
function rawSessions(): RawSession[] {
  const shop = generateShop({ orders: ORDERS, seed: SEED });
  const sessions: RawSession[] = [];
  const yes = (v: unknown) => v === true || v === 1 || v === 'true';
  for (const row of shop.input.sessions.data as Iterable<Record<string, unknown>>) {
    const start = typeof row.session_start === 'number' ? row.session_start : Date.parse(String(row.session_start));
    sessions.push({ client: String(row.client), start, purchased: yes(row.has_purchased), basket: yes(row.has_basket), payment: yes(row.has_purchased) ? Number(row.payment_amount) : 0 });
  }
  return sessions;
}

/** Start of the UTC month of `t` (the demo shop's zone is UTC). */
function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** `t` minus `months` calendar months, the day clamped to the target month's length (31 May − 3 = 29 Feb). */
function minusMonths(t: number, months: number): number {
  const d = new Date(t);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const url = inject('demoUrl');
let browser: Browser;
let sessions: RawSession[];
let orders: RawSession[];

beforeAll(async () => {
  sessions = rawSessions();
  orders = sessions.filter((s) => s.purchased);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the demo on `preset` and waits until its widgets are there and none is busy. */
async function openPreset(preset: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await page.goto(`${url}/dashboard/?preset=${preset}&orders=${ORDERS}&seed=${SEED}`);
  await page.waitForFunction(
    (count) => document.querySelectorAll('clv-dashboard .clv-widget').length >= count && !document.querySelector('clv-dashboard [aria-busy="true"]'),
    PRESET_WIDGETS[preset].widgets,
    { timeout: 90_000 },
  );
  return { page, problems };
}

/** The exact value of a KPI card (its title attribute holds the unformatted number). */
async function kpi(page: Page, metric: string): Promise<number> {
  return Number(await page.getAttribute(`.clv-kpi[data-metric="${metric}"] .clv-kpi-value`, 'title'));
}

/** Waits until the KPI `metric` shows `expected` and nothing is loading. */
async function waitForKpi(page: Page, metric: string, expected: number): Promise<void> {
  await page.waitForFunction(
    ([m, e]) => Number(document.querySelector(`.clv-kpi[data-metric="${m}"] .clv-kpi-value`)?.getAttribute('title')) === e && !document.querySelector('clv-dashboard [aria-busy="true"]'),
    [metric, expected] as const,
    { timeout: 30_000 },
  ).catch(async (error: Error) => {
    throw new Error(`KPI ${metric} never showed ${expected} (shows ${await kpi(page, metric)}): ${error.message}`);
  });
}

describe('dashboard presets in Chromium', () => {
  for (const preset of Object.keys(PRESET_WIDGETS)) {
    it(`${preset}: every widget ready, no error, nothing logged`, async () => {
      const { page, problems } = await openPreset(preset);
      expect(await page.$eval('#preset', (el) => (el as HTMLSelectElement).value)).toBe(preset);
      const states = await widgetStates(page);
      expect(states.length).toBe(PRESET_WIDGETS[preset].widgets);
      const allowed = PRESET_WIDGETS[preset].empty ?? {};
      for (const { widget, state, text } of states) {
        if (PRESET_WIDGETS[preset].idle?.includes(widget)) {
          expect(state, widget).not.toBe('error');
        } else if (widget in allowed) {
          expect(state, widget).toBe('empty');
          expect(text, widget).toContain(allowed[widget]);
        } else {
          expect({ widget, state, text }).toEqual({ widget, state: 'ready', text: '' });
        }
      }
      expect(await page.locator('clv-dashboard .clv-error').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('cross-filters of issue 3, checked against the raw rows', () => {
  it('cohorts: a retention cell filters the KPIs to that cohort in that month', async () => {
    const { page, problems } = await openPreset('cohorts');
    // Independent: each customer's first order month; cohort Sep 2024, offset 2 = Nov 2024.
    const firstOrder = new Map<string, number>();
    for (const o of orders) firstOrder.set(o.client, Math.min(firstOrder.get(o.client) ?? Infinity, o.start));
    const cohort = Date.UTC(2024, 8, 1);
    const cellStart = Date.UTC(2024, 10, 1);
    const cellEnd = Date.UTC(2024, 11, 1);
    const cellOrders = orders.filter((o) => monthStart(firstOrder.get(o.client)!) === cohort && o.start >= cellStart && o.start < cellEnd);
    const cellCustomers = new Set(cellOrders.map((o) => o.client)).size;
    const cohortSize = [...firstOrder.values()].filter((t) => monthStart(t) === cohort).length;
    expect(cellCustomers).toBeGreaterThan(0);
    expect(cellCustomers).toBeLessThan(cohortSize);

    const retention = page.locator('.clv-cohort-heatmap', { hasText: 'Retention by first order month' });
    const cell = retention.locator('.clv-heat-cell[data-row="2024-09-01"][data-column="2"]');
    // The cell's accessible label names its customers (the heatmap's own numbers agree too).
    expect(await cell.getAttribute('aria-label')).toContain(String(cellCustomers));
    await cell.click();
    await waitForKpi(page, 'orders', cellOrders.length);
    expect(await kpi(page, 'buyers')).toBe(cellCustomers);
    expect(await kpi(page, 'revenue')).toBeCloseTo(cellOrders.reduce((sum, o) => sum + o.payment, 0), 2);
    expect(await cell.getAttribute('aria-pressed')).toBe('true');

    // Clicking the selected cell again clears the filter: back to every order.
    await cell.click();
    await waitForKpi(page, 'orders', orders.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('funnels: a funnel step filters the KPIs to the sessions that reached it', async () => {
    const { page, problems } = await openPreset('funnels');
    expect(await kpi(page, 'sessions')).toBe(sessions.length);
    const withBasket = sessions.filter((s) => s.basket);
    const basketOrders = withBasket.filter((s) => s.purchased);
    expect(withBasket.length).toBeLessThan(sessions.length);

    const funnel = page.locator('.clv-funnel', { hasText: 'Session funnel' });
    const lineBefore = await page.locator('.clv-line-chart path.clv-series-line').first().getAttribute('d');
    await funnel.locator('.clv-funnel-step[data-step="has_basket"]').first().click();
    await waitForKpi(page, 'sessions', withBasket.length);
    expect(await kpi(page, 'orders')).toBe(basketOrders.length);
    expect(await kpi(page, 'visitors')).toBe(new Set(withBasket.map((s) => s.client)).size);
    // The funnel over time is redrawn under the filter; the funnel keeps its own steps.
    await page.waitForFunction((before) => document.querySelector('.clv-line-chart path.clv-series-line')?.getAttribute('d') !== before, lineBefore, { timeout: 30_000 });
    expect(await funnel.locator('.clv-funnel-step[data-step="has_basket"]').first().getAttribute('aria-pressed')).toBe('true');

    // The purchase step: sessions = orders.
    await funnel.locator('.clv-funnel-step[data-step="purchase"]').first().click();
    await waitForKpi(page, 'sessions', orders.length);
    expect(await kpi(page, 'orders')).toBe(orders.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('clv: a status donut slice filters the customer list and the KPIs to customers with that status', async () => {
    const { page, problems } = await openPreset('clv');
    // Independent status as of the data end (the last session start), thresholds 3 and 6 months.
    const asOf = Math.max(...sessions.map((s) => s.start));
    const activeSince = minusMonths(asOf, 3);
    const longGoneBefore = minusMonths(asOf, 6);
    const lastOrder = new Map<string, number>();
    for (const o of orders) lastOrder.set(o.client, Math.max(lastOrder.get(o.client) ?? -Infinity, o.start));
    const status = (t: number) => (t >= activeSince ? 'active' : t >= longGoneBefore ? 'churned' : 'long_gone');
    const churned = new Set([...lastOrder].filter(([, t]) => status(t) === 'churned').map(([c]) => c));
    expect(churned.size).toBeGreaterThan(0);
    const churnedOrders = orders.filter((o) => churned.has(o.client));

    const donut = page.locator('.clv-donut', { hasText: 'Shop health' });
    await donut.locator('.clv-legend button[data-value="churned"]').click();
    await waitForKpi(page, 'buyers', churned.size);
    expect(await kpi(page, 'orders')).toBe(churnedOrders.length);
    await page.waitForFunction(
      (n) => {
        const text = document.querySelector('.clv-customer-list .clv-pager span')?.textContent ?? '';
        const match = /of ([\d,.\s\u202f]+) customers/.exec(text);
        return match !== null && Number(match[1].replace(/\D/g, '')) === n;
      },
      churned.size,
      { timeout: 30_000 },
    );
    // Every listed customer has the status.
    const listed = await page.$$eval('.clv-customer-list tbody tr', (rows) => rows.map((r) => r.getAttribute('data-key') ?? r.querySelector('[data-key]')?.getAttribute('data-key') ?? ''));
    expect(listed.length).toBeGreaterThan(0);
    for (const client of listed) expect(churned.has(client), client).toBe(true);

    // Active instead: the counts follow.
    const active = [...lastOrder].filter(([, t]) => status(t) === 'active').length;
    await donut.locator('.clv-legend button[data-value="active"]').click();
    await waitForKpi(page, 'buyers', active);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('loyalty-kpis: the churners row filters the KPIs to the customers who bought before the date and not in the 180 days after', async () => {
    const { page, problems } = await openPreset('loyalty-kpis');
    // The table's default date D = the last session start minus the 180-day horizon.
    const asOf = Math.max(...sessions.map((s) => s.start));
    const date = asOf - 180 * 86_400_000;
    const before = new Set(orders.filter((o) => o.start < date).map((o) => o.client));
    const back = new Set(orders.filter((o) => o.start >= date && o.start < date + 180 * 86_400_000).map((o) => o.client));
    const churners = new Set([...before].filter((c) => !back.has(c)));
    expect(churners.size).toBeGreaterThan(0);
    await page.locator('.clv-data-table tr[data-key="churners"] td').first().click();
    await waitForKpi(page, 'buyers', churners.size);
    expect(await kpi(page, 'orders')).toBe(orders.filter((o) => churners.has(o.client)).length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('clv-segments: a treemap segment narrows the customer table and the CLV figures to that segment', async () => {
    const { page, problems } = await openPreset('clv-segments');
    type Row = Record<string, unknown>;
    // The segment sizes and, under the segment's filter, the predicted customers, asked of the demo's engine directly.
    const segmentation = (await page.evaluate(() => (window as unknown as { clvDemo: { engine: { report(n: string): Promise<{ rows: Row[] }> } } }).clvDemo.engine.report('segmentation'))) as { rows: Row[] };
    const champions = segmentation.rows.find((r) => r.segment === 'Champions');
    expect(Number(champions?.customers)).toBeGreaterThan(0);
    await page.locator('.clv-segment-treemap [data-segment="Champions"]').first().click();
    // Every customer figure follows: the revenue KPI is the segment's revenue (to the cent: sums in another order) ...
    await page.waitForFunction(
      (expected) => Math.abs(Number(document.querySelector('.clv-kpi[data-metric="revenue"] .clv-kpi-value')?.getAttribute('title')) - expected) < 0.01 && !document.querySelector('clv-dashboard [aria-busy="true"]'),
      Number(champions!.revenue),
      { timeout: 30_000 },
    ).catch(async (error: Error) => {
      throw new Error(`revenue KPI never showed ${String(champions!.revenue)} (shows ${await kpi(page, 'revenue')}): ${error.message}`);
    });
    // ... and the CLV table lists only Champions, the highest CLV among them first.
    const predicted = (await page.evaluate(() =>
      (window as unknown as { clvDemo: { engine: { query(s: unknown, o: unknown): Promise<{ rows: Row[] }> } } }).clvDemo.engine.query(
        { kind: 'analysis', name: 'client_feature_predicted', params: { sort: '-clv', limit: 100, horizonDays: 182 } },
        { filter: { mode: 'and', predicates: [{ type: 'in', field: 'rfm_segment', values: ['Champions'] }] } },
      ),
    )) as { rows: Row[] };
    expect(predicted.rows.length).toBeGreaterThan(0);
    expect(new Set(predicted.rows.map((r) => r.segment))).toEqual(new Set(['Champions']));
    await page.waitForFunction(
      (first) => document.querySelector('.clv-clv-top-customers tbody tr')?.getAttribute('data-key') === first && !document.querySelector('clv-dashboard [aria-busy="true"]'),
      String(predicted.rows[0].client),
      { timeout: 30_000 },
    ).catch(async (error: Error) => {
      const shown = await page.$$eval('.clv-clv-top-customers tbody tr', (rows) => rows.slice(0, 3).map((r) => `${r.getAttribute('data-key')}:${r.textContent}`));
      throw new Error(`CLV table never started with ${String(predicted.rows[0].client)} (${JSON.stringify(predicted.rows[0])}); shows ${JSON.stringify(shown)}: ${error.message}`);
    });
    const segments = await page.$$eval('.clv-clv-top-customers tbody tr', (rows) => rows.map((r) => r.querySelectorAll('td')[1]?.textContent ?? ''));
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(segments)).toEqual(new Set(['Champions']));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('search: typing a promotion code finds it, and choosing it opens its entity view', async () => {
    const { page, problems } = await openPreset('search');
    await page.locator('.clv-search-input').fill('bundle');
    await page.locator('[role="option"]', { hasText: 'BUNDLEUP' }).first().waitFor({ timeout: 30_000 });
    await page.locator('[role="option"]', { hasText: 'BUNDLEUP' }).first().click();
    await page.locator('.clv-entity-view-body[data-entity-type="promotion"][data-entity-value="BUNDLEUP"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('clv-dashboard [aria-busy="true"]'), undefined, { timeout: 90_000 });
    expect(await page.locator('clv-dashboard .clv-error').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
