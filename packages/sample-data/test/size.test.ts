import { describe, expect, it, vi } from 'vitest';
import { generateShop } from '../src/index.js';

// Generating and scanning whole shops takes seconds on a busy machine; speed is not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe('size', () => {
  for (const orders of [1_000, 20_000, 100_000]) {
    it(`hits ${orders} orders, with about 10 orders per customer and 1.5-2.5 sessions per order`, () => {
      const shop = generateShop({ orders });
      let sessions = 0;
      let purchases = 0;
      for (const s of shop.input.sessions.data) {
        sessions++;
        if (s.has_purchased) purchases++;
      }
      // Within 1 % of the target (the generator hits it exactly).
      expect(Math.abs(purchases - orders)).toBeLessThanOrEqual(orders * 0.01);
      expect(purchases).toBe(shop.summary.orders);
      expect(sessions).toBe(shop.summary.sessions);
      expect(sessions / purchases).toBeGreaterThanOrEqual(1.5);
      expect(sessions / purchases).toBeLessThanOrEqual(2.5);
      const customers = [...shop.input.customers.data].length;
      expect(customers).toBe(shop.summary.customers);
      // 1M orders should come with about 100k customers: 7 .. 13 orders per customer.
      expect(orders / customers).toBeGreaterThan(7);
      expect(orders / customers).toBeLessThan(13);
      let lines = 0;
      for (const _ of shop.input.lines.data) lines++;
      expect(lines).toBe(shop.summary.lines);
      let messages = 0;
      for (const _ of shop.input.messages.data) messages++;
      expect(messages).toBe(shop.summary.messages);
    });
  }

  it('hits small and odd targets exactly too', () => {
    for (const orders of [1, 37, 1234]) {
      let purchases = 0;
      for (const s of generateShop({ orders, seed: 5 }).input.sessions.data) if (s.has_purchased) purchases++;
      expect(purchases).toBe(orders);
    }
  });

  it('honours start and days: everything, planted days included, falls inside a short period', () => {
    const shop = generateShop({ orders: 2000, seed: 4, start: '2023-01-15', days: 90 });
    const start = Date.UTC(2023, 0, 15);
    const end = start + 90 * 86_400_000;
    let purchases = 0;
    let outside = 0;
    for (const s of shop.input.sessions.data) {
      if (s.has_purchased) purchases++;
      if (s.session_start < start || s.session_start >= end) outside++;
    }
    expect(purchases).toBe(2000);
    expect(outside).toBe(0);
    const { brokenCheckout, drivingCampaign, effectivePromotion, neutralPromotion } = shop.planted;
    for (const date of [brokenCheckout.date, drivingCampaign.date, effectivePromotion.start, neutralPromotion.end]) {
      expect(date >= '2023-01-15' && date <= '2023-04-14', date).toBe(true);
    }
    // 90 days from 15 January cross no Black Friday and no Christmas.
    expect(shop.planted.holidays.map((h) => h.name)).not.toContain('Black Friday');
  });
});
