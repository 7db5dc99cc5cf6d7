/**
 * Every planted effect must be measurable from the raw rows, by computations written here
 * independently of the generator (no generator internals are used, only `shop.planted`).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateShop, groupOfClient, type ShopData } from '../src/index.js';
import { DAY, mean, median, ordersByClient, rowsOf, utcDate, type ShopRows } from './helpers.js';

// Generating and scanning whole shops takes seconds on a busy machine; speed is not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let shop: ShopData;
let rows: ShopRows;
let orders: Map<string, [number, number][]>;

beforeAll(() => {
  shop = generateShop({ orders: 100_000, seed: Number(process.env.SEED ?? 42) });
  rows = rowsOf(shop);
  orders = ordersByClient(rows.sessions);
});

describe('broken checkout', () => {
  it('reaches the order screen as usual that day, but almost nobody purchases', () => {
    const screens = new Map<string, number>();
    const purchases = new Map<string, number>();
    for (const s of rows.sessions) {
      if (!s.order_screen) continue;
      const day = utcDate(s.session_start);
      screens.set(day, (screens.get(day) ?? 0) + 1);
      if (s.has_purchased) purchases.set(day, (purchases.get(day) ?? 0) + 1);
    }
    const broken = shop.planted.brokenCheckout.date;
    const conversion = (day: string) => (purchases.get(day) ?? 0) / screens.get(day)!;
    const busyDays = [...screens.keys()].filter((d) => screens.get(d)! >= 30);
    const typical = median(busyDays.map(conversion));
    console.info(`broken ${broken}: conversion ${conversion(broken).toFixed(3)} vs median day ${typical.toFixed(3)}; screens ${screens.get(broken)} vs median ${median(busyDays.map((d) => screens.get(d)!))}`);
    expect(typical).toBeGreaterThan(0.7);
    expect(conversion(broken)).toBeLessThan(0.1);
    // It is the worst day of all by far.
    const worst = busyDays.filter((d) => d !== broken).map(conversion).sort((a, b) => a - b)[0];
    expect(worst).toBeGreaterThan(3 * conversion(broken));
    // Traffic to the order screen is normal for the season (same weekday, the four weeks around it).
    const start = shop.planted.brokenCheckout.startMs;
    const around = [-21, -14, -7, 7, 14, 21].map((w) => screens.get(utcDate(start + w * DAY)) ?? 0);
    expect(screens.get(broken)!).toBeGreaterThan(0.6 * mean(around));
  });

  it('brings some failed customers back the next days', () => {
    const start = shop.planted.brokenCheckout.startMs;
    const failed = new Set(rows.sessions.filter((s) => s.order_screen && !s.has_purchased && s.session_start >= start && s.session_start < start + DAY).map((s) => s.client));
    let back = 0;
    for (const client of failed) {
      if ((orders.get(client) ?? []).some(([t]) => t >= start + DAY && t < start + 3 * DAY)) back++;
    }
    // About 60 % retry within two days; without the planted retry it would be the base rate of a few percent.
    expect(back / failed.size).toBeGreaterThan(0.4);
  });
});

/** Per-customer before/after comparison around the first use of a promotion (SPEC.md A/B tests). */
function beforeAfter(promotion: string) {
  const firstUse = new Map<string, number>();
  for (const s of rows.sessions) {
    if (s.promotion_id !== promotion) continue;
    const seen = firstUse.get(s.client);
    if (seen === undefined || s.session_start < seen) firstUse.set(s.client, s.session_start);
  }
  const ratios: number[] = [];
  const countBefore: number[] = [];
  const countAfter: number[] = [];
  for (const [client, t0] of firstUse) {
    const list = orders.get(client)!;
    const before = list.filter(([t]) => t >= t0 - 7 * DAY && t < t0).map(([, v]) => v);
    const after = list.filter(([t]) => t >= t0 && t < t0 + 7 * DAY).map(([, v]) => v);
    countBefore.push(before.length);
    countAfter.push(after.length);
    if (before.length > 0 && after.length > 0) ratios.push(mean(after) / mean(before));
  }
  return {
    users: firstUse.size,
    paired: ratios.length,
    // Median over customers of (their mean order value after) / (before) - 1: robust to a few huge baskets.
    valueChange: median(ratios) - 1,
    ordersChange: mean(countAfter) - mean(countBefore),
  };
}

describe('promotions', () => {
  it('the effective promotion raises order value in the week after first use', () => {
    const { id } = shop.planted.effectivePromotion;
    const result = beforeAfter(id);
    console.info(`${id}:`, result);
    expect(result.paired).toBeGreaterThan(150);
    expect(result.valueChange).toBeGreaterThan(0.25);
  });

  it('the neutral promotion leaves order value where it was', () => {
    const { id } = shop.planted.neutralPromotion;
    const result = beforeAfter(id);
    console.info(`${id}:`, result);
    expect(result.paired).toBeGreaterThan(200);
    expect(Math.abs(result.valueChange)).toBeLessThan(0.1);
  });

  it('the effective promotion also brings more extra orders than the neutral one', () => {
    const effective = beforeAfter(shop.planted.effectivePromotion.id);
    const neutral = beforeAfter(shop.planted.neutralPromotion.id);
    expect(effective.ordersChange - neutral.ordersChange).toBeGreaterThan(0.2);
  });

  it('run only inside their dates, at their discount rate', () => {
    for (const promotion of [shop.planted.effectivePromotion, shop.planted.neutralPromotion]) {
      const used = rows.sessions.filter((s) => s.promotion_id === promotion.id);
      expect(used.length).toBeGreaterThan(500);
      for (const s of used) {
        expect(s.session_start).toBeGreaterThanOrEqual(promotion.startMs);
        expect(s.session_start).toBeLessThan(promotion.endMs);
      }
      // discount / (payment + discount) = the rate (rounded to cents).
      const rates = used.map((s) => s.discount_amount / (s.payment_amount + s.discount_amount));
      expect(Math.abs(mean(rates) - promotion.discountRate)).toBeLessThan(0.005);
    }
  });
});

describe('campaigns', () => {
  /** Share of a campaign's delivered recipients with an order in the week after the send, minus the week before. */
  function orderLift(campaign: string) {
    const recipients = new Map<string, number>();
    for (const m of rows.messages) if (m.campaign === campaign && m.delivered_at !== null && !recipients.has(m.client)) recipients.set(m.client, m.sent_at);
    let after = 0;
    let before = 0;
    for (const [client, sent] of recipients) {
      const list = orders.get(client) ?? [];
      if (list.some(([t]) => t > sent && t <= sent + 7 * DAY)) after++;
      if (list.some(([t]) => t >= sent - 7 * DAY && t < sent)) before++;
    }
    return { recipients: recipients.size, after: after / recipients.size, before: before / recipients.size };
  }

  it('the planted campaign drives orders within 7 days; an ordinary newsletter barely does', () => {
    const planted = orderLift(shop.planted.drivingCampaign.id);
    const baseline = orderLift(shop.planted.baselineCampaign.id);
    console.info('planted', planted, 'baseline', baseline);
    expect(planted.recipients).toBeGreaterThan(500);
    expect(baseline.recipients).toBeGreaterThan(300);
    expect(planted.after - planted.before).toBeGreaterThan(0.1);
    expect(Math.abs(baseline.after - baseline.before)).toBeLessThan(0.04);
  });

  it('the planted campaign goes out on email and push on its date', () => {
    const sent = rows.messages.filter((m) => m.campaign === shop.planted.drivingCampaign.id);
    expect(new Set(sent.map((m) => m.channel))).toEqual(new Set(shop.planted.drivingCampaign.channels));
    expect(new Set(sent.map((m) => utcDate(m.sent_at)))).toEqual(new Set([shop.planted.drivingCampaign.date]));
  });
});

describe('customer groups', () => {
  it('cover every customer, with the counts in planted.groups', () => {
    const counts = new Map<string, number>();
    for (const c of rows.customers) {
      const group = groupOfClient(shop.planted, c.client)!;
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    for (const g of shop.planted.groups) expect(counts.get(g.name) ?? 0).toBe(g.customers);
    expect(groupOfClient(shop.planted, 'nobody')).toBeNull();
  });

  it('have distinct buying rhythms: inter-order gaps ordered champion < weekly < churner < monthly < occasional', () => {
    const gaps = new Map<string, number[]>();
    for (const [client, list] of orders) {
      if (list.length < 2) continue;
      const group = groupOfClient(shop.planted, client)!;
      const gap = (list[list.length - 1][0] - list[0][0]) / (list.length - 1) / DAY;
      if (!gaps.has(group)) gaps.set(group, []);
      gaps.get(group)!.push(gap);
    }
    const typical = Object.fromEntries([...gaps].map(([g, v]) => [g, median(v)]));
    console.info('median mean gap (days) per group', typical);
    expect(typical.champion).toBeLessThan(typical.weekly);
    expect(typical.weekly).toBeLessThan(typical.churner);
    expect(typical.churner).toBeLessThan(typical.monthly);
    expect(typical.monthly).toBeLessThan(typical.occasional);
    expect(typical.weekly).toBeGreaterThan(4);
    expect(typical.weekly).toBeLessThan(12);
    expect(typical.monthly).toBeGreaterThan(18);
    expect(typical.monthly).toBeLessThan(45);
  });

  it('one-timers order once, browsers never, churners stop within about five months', () => {
    const byGroup = (name: string) => rows.customers.filter((c) => groupOfClient(shop.planted, c.client) === name).map((c) => orders.get(c.client) ?? []);
    expect(byGroup('one-timer').every((list) => list.length <= 1)).toBe(true);
    expect(byGroup('browser').every((list) => list.length === 0)).toBe(true);
    const spans = byGroup('churner').filter((l) => l.length > 0).map((l) => (l[l.length - 1][0] - l[0][0]) / DAY);
    // Lifetime 60-150 days after the first order, plus at most a week of promotion or retry follow-ups.
    expect(Math.max(...spans)).toBeLessThan(160);
  });

  it('champions spend the most per order and in total', () => {
    const perGroup = new Map<string, { orders: number; revenue: number; customers: number }>();
    for (const [client, list] of orders) {
      const group = groupOfClient(shop.planted, client)!;
      const entry = perGroup.get(group) ?? { orders: 0, revenue: 0, customers: 0 };
      entry.orders += list.length;
      entry.revenue += list.reduce((sum, [, v]) => sum + v, 0);
      entry.customers++;
      perGroup.set(group, entry);
    }
    const aov = (g: string) => perGroup.get(g)!.revenue / perGroup.get(g)!.orders;
    const perCustomer = (g: string) => perGroup.get(g)!.revenue / perGroup.get(g)!.customers;
    for (const other of ['weekly', 'monthly', 'occasional', 'churner', 'one-timer']) {
      expect(aov('champion')).toBeGreaterThan(1.3 * aov(other));
      expect(perCustomer('champion')).toBeGreaterThan(perCustomer(other));
    }
  });
});

describe('products', () => {
  it('planted pairs are bought together far more often than by chance (lift > 3)', () => {
    const baskets = new Map<string, Set<string>>();
    for (const line of rows.lines) {
      if (!baskets.has(line.order_id)) baskets.set(line.order_id, new Set());
      baskets.get(line.order_id)!.add(line.product);
    }
    const n = baskets.size;
    for (const pair of shop.planted.productPairs) {
      let a = 0;
      let b = 0;
      let both = 0;
      for (const products of baskets.values()) {
        const hasA = products.has(pair.first);
        const hasB = products.has(pair.second);
        if (hasA) a++;
        if (hasB) b++;
        if (hasA && hasB) both++;
      }
      const lift = both / n / ((a / n) * (b / n));
      expect(lift, `${pair.first} + ${pair.second}`).toBeGreaterThan(3);
    }
  });

  it('popular products sell much more than the average product', () => {
    const ordersOf = new Map<string, number>();
    for (const line of rows.lines) ordersOf.set(line.product, (ordersOf.get(line.product) ?? 0) + 1);
    const all = mean([...ordersOf.values()]);
    const popular = mean(shop.planted.popularProducts.map((p) => ordersOf.get(p) ?? 0));
    expect(popular).toBeGreaterThan(2 * all);
  });
});

describe('seasonality', () => {
  it('knows the retail calendar: Black Friday is the day after the fourth Thursday of November', () => {
    const fridays = shop.planted.holidays.filter((h) => h.name === 'Black Friday').map((h) => h.start);
    // Thanksgiving 2024 was Thursday 28 November, in 2025 Thursday 27 November.
    expect(fridays).toEqual(['2024-11-29', '2025-11-28']);
    expect(shop.planted.holidays.filter((h) => h.name === 'Christmas Day').map((h) => h.start)).toEqual(['2024-12-25', '2025-12-25']);
  });

  it('peaks on Black Friday and grows over the period', () => {
    const perDay = new Map<string, number>();
    for (const list of orders.values()) for (const [t] of list) perDay.set(utcDate(t), (perDay.get(utcDate(t)) ?? 0) + 1);
    const blackFriday = shop.planted.holidays.find((h) => h.name === 'Black Friday' && h.start.startsWith('2025'))!.start;
    const bf = Date.parse(blackFriday);
    const weeksBefore = [7, 14, 21, 28].map((w) => perDay.get(utcDate(bf - w * DAY)) ?? 0);
    expect(perDay.get(blackFriday)!).toBeGreaterThan(1.8 * mean(weeksBefore));
    const sum = (from: string, to: string) => [...perDay].filter(([d]) => d >= from && d <= to).reduce((s, [, n]) => s + n, 0);
    // Q2 2026 versus Q2 2025: the customer base has grown.
    expect(sum('2026-04-01', '2026-06-30')).toBeGreaterThan(1.3 * sum('2025-04-01', '2025-06-30'));
  });

  it('has a weekly and an hour-of-day rhythm', () => {
    const byHour = new Array<number>(24).fill(0);
    const byWeekday = new Array<number>(7).fill(0);
    for (const list of orders.values()) {
      for (const [t] of list) {
        const d = new Date(t);
        byHour[d.getUTCHours()]++;
        byWeekday[d.getUTCDay()]++;
      }
    }
    expect(byHour[20]).toBeGreaterThan(10 * byHour[3]);
    expect(byHour[12]).toBeGreaterThan(byHour[15]);
    // Saturday and Sunday above Tuesday.
    expect(byWeekday[6]).toBeGreaterThan(1.08 * byWeekday[2]);
    expect(byWeekday[0]).toBeGreaterThan(1.08 * byWeekday[2]);
  });
});

describe('time zone', () => {
  it('follows the local clock of the configured zone', () => {
    const tokyo = generateShop({ orders: 5000, timeZone: 'Asia/Tokyo' });
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: 'numeric', hourCycle: 'h23' });
    const local = new Array<number>(24).fill(0);
    const utc = new Array<number>(24).fill(0);
    let n = 0;
    for (const s of tokyo.input.sessions.data) {
      if (!s.has_purchased) continue;
      n++;
      local[Number(hour.format(s.session_start))]++;
      utc[new Date(s.session_start).getUTCHours()]++;
    }
    // Local 2:00-5:59 is the quiet night; in UTC that is 17:00-20:59 (Tokyo is UTC+9, no DST).
    const night = (h: number[]) => (h[2] + h[3] + h[4] + h[5]) / n;
    expect(night(local)).toBeLessThan(0.04);
    expect((utc[17] + utc[18] + utc[19] + utc[20]) / n).toBeLessThan(0.04);
    expect(night(utc)).toBeGreaterThan(0.1);
    // The planted day is a Tokyo calendar day: it starts at 15:00 UTC the day before.
    const { date, startMs, endMs } = tokyo.planted.brokenCheckout;
    expect(new Date(startMs).toISOString()).toBe(new Date(Date.parse(date) - 9 * 3_600_000).toISOString());
    expect(endMs - startMs).toBe(DAY);
  });

  it('follows daylight saving time: local midnights are 23:00 UTC in summer, 00:00 in winter', () => {
    const london = generateShop({ orders: 2000, timeZone: 'Europe/London', start: '2025-03-01', days: 365 });
    // Promotions last max(14, round(365 * 0.06)) = 22 days. Effective: day round(365 * 0.3) = 110
    // = 19 June 2025 (BST) to day 132 = 11 July (BST). Neutral: day round(365 * 0.62) = 226
    // = 13 October (BST) to day 248 = 4 November (GMT): it spans the 25-hour day of 26 October.
    const { effectivePromotion, neutralPromotion } = london.planted;
    expect(effectivePromotion.start).toBe('2025-06-19');
    expect(effectivePromotion.startMs).toBe(Date.UTC(2025, 5, 18, 23));
    expect(effectivePromotion.endMs).toBe(Date.UTC(2025, 6, 10, 23));
    expect(neutralPromotion.start).toBe('2025-10-13');
    expect(neutralPromotion.startMs).toBe(Date.UTC(2025, 9, 12, 23));
    expect(neutralPromotion.endMs).toBe(Date.UTC(2025, 10, 4));
    expect(neutralPromotion.endMs - neutralPromotion.startMs).toBe(22 * DAY + 3_600_000);
    // The night is quiet in local time all year round.
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });
    let night = 0;
    let n = 0;
    for (const s of london.input.sessions.data) {
      if (!s.has_purchased) continue;
      n++;
      const h = Number(hour.format(s.session_start));
      if (h >= 2 && h <= 5) night++;
    }
    expect(night / n).toBeLessThan(0.04);
  });
});
