import { describe, expect, it, vi } from 'vitest';
import { generateShop, resolveShopOptions } from '../src/index.js';
import { rowsOf } from './helpers.js';

// Generating and scanning whole shops takes seconds on a busy machine; speed is not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe('determinism', () => {
  it('gives identical rows for the same options, in every table', () => {
    const a = rowsOf(generateShop({ orders: 2000, seed: 7 }));
    const b = rowsOf(generateShop({ orders: 2000, seed: 7 }));
    expect(a.sessions.length).toBeGreaterThan(2000);
    expect(b).toEqual(a);
  });

  it('gives different rows for a different seed', () => {
    const a = rowsOf(generateShop({ orders: 2000, seed: 7 }));
    const b = rowsOf(generateShop({ orders: 2000, seed: 8 }));
    expect(b.sessions.slice(0, 50)).not.toEqual(a.sessions.slice(0, 50));
    expect(b.customers.map((c) => c.download_date)).not.toEqual(a.customers.map((c) => c.download_date));
    const revenue = (rows: typeof a) => rows.sessions.reduce((sum, s) => sum + s.payment_amount, 0);
    expect(revenue(b)).not.toBe(revenue(a));
  });

  it('yields identical rows when a table is iterated twice, and is not an array', () => {
    const shop = generateShop({ orders: 1500 });
    for (const name of ['customers', 'sessions', 'lines', 'messages'] as const) {
      const data = shop.input[name].data;
      expect(Array.isArray(data)).toBe(false);
      expect(typeof data[Symbol.iterator]).toBe('function');
      const first = [...data];
      const second = [...data];
      expect(first.length).toBeGreaterThan(0);
      expect(second).toEqual(first);
    }
  });

  it('regenerates each table independently, in any order and interleaved', () => {
    const shop = generateShop({ orders: 1500, seed: 3 });
    const sessionsAlone = [...shop.input.sessions.data];
    // Interleave two iterators of different tables: each keeps its own state.
    const lines = shop.input.lines.data[Symbol.iterator]();
    const sessions = shop.input.sessions.data[Symbol.iterator]();
    const interleaved = [];
    for (;;) {
      const s = sessions.next();
      lines.next();
      if (s.done) break;
      interleaved.push(s.value);
    }
    expect(interleaved).toEqual(sessionsAlone);
  });

  it('keeps every customer but the last one the same when only the order target changes', () => {
    const small = rowsOf(generateShop({ orders: 1000, seed: 11 }));
    const large = rowsOf(generateShop({ orders: 3000, seed: 11 }));
    const kept = small.customers.length - 1;
    expect(large.customers.slice(0, kept)).toEqual(small.customers.slice(0, kept));
    const keptClients = new Set(small.customers.slice(0, kept).map((c) => c.client));
    const strip = (rows: typeof small.sessions) => rows.filter((s) => keptClients.has(s.client)).map(({ order_id: _id, ...rest }) => rest);
    expect(strip(large.sessions)).toEqual(strip(small.sessions));
  });

  it('validates options with errors that name the option', () => {
    expect(() => generateShop({ orders: 0 })).toThrow(/orders/);
    expect(() => generateShop({ orders: 10.5 })).toThrow(/orders/);
    expect(() => generateShop({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generateShop({ start: '2024-02-30' })).toThrow(/start/);
    expect(() => generateShop({ days: 10 })).toThrow(/days/);
    expect(() => generateShop({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(resolveShopOptions()).toEqual({ orders: 20_000, seed: 42, start: '2024-07-01', days: 730, timeZone: 'UTC' });
  });
});
