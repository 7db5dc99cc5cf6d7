import { describe, expect, it } from 'vitest';
import { generateShop } from '../src/index.js';

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
});
