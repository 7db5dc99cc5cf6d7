/**
 * The stats analyses on the synthetic shop of @clvkit/sample-data: the planted broken checkout
 * shows as a conversion collapse in the session funnel, and the numbers agree with counts
 * written here directly over the generator's raw rows (independent of the analytics code).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isIn, NO_FILTER, type Dataset, type Row } from '@clvkit/core';
import { generateShop, sampleDataset, type SessionRow, type ShopData } from '@clvkit/sample-data';
import { runStats } from './run.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const HOUR = 3_600_000;
const ORDERS = 30_000;
let shop: ShopData;
let dataset: Dataset;
let sessions: SessionRow[];

beforeAll(async () => {
  shop = generateShop({ orders: ORDERS });
  sessions = [...shop.input.sessions.data];
  ({ dataset } = await sampleDataset({ orders: ORDERS }));
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const utcDay = (ms: number) => Math.floor(ms / 86_400_000) * 86_400_000;
const close = (a: number | null, b: number) => expect(a).toBeCloseTo(b, 6);

describe('broken checkout in the session funnel', () => {
  it('collapses order screen -> purchase conversion on the planted day only', () => {
    const { rows, meta } = runStats(dataset, 'daily_funnel');
    expect(meta.steps).toEqual(['session', 'has_basket', 'order_screen', 'purchase']);
    const day = shop.planted.brokenCheckout.startMs;
    const purchase = (r: Row) => r.step === 'purchase';
    const screen = (r: Row) => r.step === 'order_screen';
    const screens = new Map(rows.filter(screen).map((r) => [r.bucket as number, r.count as number]));
    const busy = rows.filter((r) => purchase(r) && (screens.get(r.bucket as number) ?? 0) >= 20);
    const brokenRow = rows.find((r) => purchase(r) && r.bucket === day)!;
    const typical = median(busy.filter((r) => r.bucket !== day).map((r) => r.conversionFromPrevious as number));
    const worstOther = Math.min(...busy.filter((r) => r.bucket !== day).map((r) => r.conversionFromPrevious as number));
    expect(typical).toBeGreaterThan(0.7);
    expect(brokenRow.conversionFromPrevious as number).toBeLessThan(0.1);
    expect(worstOther).toBeGreaterThan(3 * (brokenRow.conversionFromPrevious as number));
    // Sessions still reach the order screen as usual that day.
    const screenRow = rows.find((r) => screen(r) && r.bucket === day)!;
    const typicalScreen = median(rows.filter((r) => screen(r) && (r.count as number) >= 20).map((r) => r.conversionFromPrevious as number));
    expect(Math.abs((screenRow.conversionFromPrevious as number) - typicalScreen)).toBeLessThan(0.15);
    // The same day's counts, straight from the raw rows.
    const raw = [0, 0, 0, 0];
    for (const s of sessions) {
      if (s.session_start < day || s.session_start >= day + 86_400_000) continue;
      raw[0]++;
      if (s.has_basket) raw[1]++;
      if (s.order_screen) raw[2]++;
      if (s.has_purchased) raw[3]++;
    }
    expect(rows.filter((r) => r.bucket === day).map((r) => r.count)).toEqual(raw);
  });

  it('shows in the local day of a shop in another time zone', async () => {
    const local = generateShop({ orders: 5_000, timeZone: 'America/New_York' });
    const { dataset: ny } = await sampleDataset({ orders: 5_000, timeZone: 'America/New_York' });
    const { startMs } = local.planted.brokenCheckout;
    const day = runStats(ny, 'daily_funnel').rows.find((r) => r.bucket === startMs && r.step === 'purchase')!;
    expect(day.conversionFromPrevious as number).toBeLessThan(0.15);
  });
});

describe('agreement with the raw rows', () => {
  it('funnel totals and a channel filter', () => {
    const count = (keep: (s: SessionRow) => boolean) => {
      const c = [0, 0, 0, 0];
      for (const s of sessions) {
        if (!keep(s)) continue;
        c[0]++;
        if (s.has_basket) c[1]++;
        if (s.order_screen) c[2]++;
        if (s.has_purchased) c[3]++;
      }
      return c;
    };
    expect(runStats(dataset, 'funnel').rows.map((r) => r.count)).toEqual(count(() => true));
    expect(runStats(dataset, 'funnel', {}, { mode: 'and', predicates: [isIn('dimension', ['app'])] }).rows.map((r) => r.count)).toEqual(count((s) => s.dimension === 'app'));
    // hourly means times the days give back every session
    const hourly = runStats(dataset, 'hourly_funnel');
    const total = hourly.rows.filter((r) => r.step === 'session').reduce((sum, r) => sum + (r.count as number), 0) * (hourly.meta.days as number);
    close(total, sessions.length);
  });

  it('customers by number of orders, order values and the journey', () => {
    const orders = new Map<string, SessionRow[]>();
    for (const s of sessions) if (s.has_purchased) orders.set(s.client, [...(orders.get(s.client) ?? []), s]);
    const seq = runStats(dataset, 'user_counts_per_order_seq', { max: 5 }).rows;
    const expected = [0, 0, 0, 0, 0];
    for (const list of orders.values()) expected[Math.min(list.length, 5) - 1]++;
    expect(seq.map((r) => r.customers)).toEqual(expected);
    expect(shop.summary.orders).toBe(ORDERS);

    const distribution = runStats(dataset, 'purchase_amount_distribution');
    const averages = [...orders.values()].map((list) => list.reduce((sum, s) => sum + s.payment_amount, 0) / list.length);
    expect(distribution.rows.reduce((sum, r) => sum + (r.customers as number), 0)).toBe(orders.size);
    close(distribution.meta.mean as number, averages.reduce((a, b) => a + b, 0) / averages.length);
    expect(distribution.rows.every((r) => (r.x1 as number) > (r.x0 as number))).toBe(true);

    const journey = runStats(dataset, 'customer_journey');
    const asOf = Math.max(...sessions.map((s) => s.session_start));
    const sorted = [...orders.values()].map((list) => list.sort((a, b) => a.session_start - b.session_start));
    const since = sorted.map((list) => (asOf - list[list.length - 1].session_start) / HOUR);
    close(journey.meta.meanHoursSinceLastOrder as number, since.reduce((a, b) => a + b, 0) / since.length);
    const repeatCounts = sorted.filter((l) => l.length >= 2).map((l) => l.length).sort((a, b) => a - b);
    expect(journey.meta.K).toBe(repeatCounts[(repeatCounts.length - 1) >> 1]);
    const second = sorted.filter((l) => l.length >= 2);
    close(journey.rows[1].meanOrderValue as number, second.reduce((sum, l) => sum + l[1].payment_amount, 0) / second.length);
    const download = new Map([...shop.input.customers.data].map((c) => [c.client, c.download_date as number]));
    const toFirst = sorted.map((l) => (l[0].session_start - download.get(l[0].client)!) / HOUR);
    close(journey.meta.meanHoursDownloadToFirstOrder as number, toFirst.reduce((a, b) => a + b, 0) / toFirst.length);
  });

  it('weekly averages per week', () => {
    const rows = runStats(dataset, 'weekly_average_order_per_user').rows;
    // Weeks start on Monday in UTC: 1970-01-01 was a Thursday, so Monday-based weeks start 4 days after multiples of 7 days.
    const week = (ms: number) => Math.floor((ms - 4 * 86_400_000) / (7 * 86_400_000)) * 7 * 86_400_000 + 4 * 86_400_000;
    const perWeek = new Map<number, Map<string, number>>();
    for (const s of sessions) {
      if (!s.has_purchased) continue;
      const w = week(s.session_start);
      const clients = perWeek.get(w) ?? new Map<string, number>();
      clients.set(s.client, (clients.get(s.client) ?? 0) + 1);
      perWeek.set(w, clients);
    }
    for (const row of rows) {
      const clients = perWeek.get(row.bucket as number);
      const orders = clients ? [...clients.values()].reduce((a, b) => a + b, 0) : 0;
      expect([row.orders, row.customers]).toEqual([orders, clients?.size ?? 0]);
    }
    expect(rows.reduce((sum, r) => sum + (r.orders as number), 0)).toBe(ORDERS);
  });

  it('customer funnel downloads per month and the cohort sizes', () => {
    const customers = [...shop.input.customers.data];
    const month = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
    const downloads = new Map<number, number>();
    for (const c of customers) downloads.set(month(c.download_date as number), (downloads.get(month(c.download_date as number)) ?? 0) + 1);
    const rows = runStats(dataset, 'monthly_funnel_downloads', {}, NO_FILTER).rows.filter((r) => r.step === 'download');
    for (const r of rows) expect(r.count).toBe(downloads.get(r.bucket as number) ?? 0);
    expect(rows.reduce((sum, r) => sum + (r.count as number), 0)).toBe(customers.length);
    // Daily cohorts: each day's cohort is that day's downloads (up to asOf = the last session).
    const asOf = Math.max(...sessions.map((s) => s.session_start));
    const cohorts = runStats(dataset, 'customer_funnel_cohort', { bucket: 'day' }).rows.filter((r) => r.step === 'download');
    const perDay = new Map<number, number>();
    for (const c of customers) if ((c.download_date as number) <= asOf) perDay.set(utcDay(c.download_date as number), (perDay.get(utcDay(c.download_date as number)) ?? 0) + 1);
    for (const r of cohorts) expect(r.cohortSize).toBe(perDay.get(r.bucket as number) ?? 0);
  });
});
