import { describe, expect, it, vi } from 'vitest';
import { generateShop, sampleDataset } from '../src/index.js';

// Generating and scanning whole shops takes seconds on a busy machine; speed is not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe('sampleDataset (generateShop + importDataset)', () => {
  it('imports every row of every table without rejections or warnings', async () => {
    const options = { orders: 3000, seed: 9, timeZone: 'Europe/Berlin' };
    const shop = generateShop(options);
    const { dataset, report } = await sampleDataset(options);
    for (const table of ['sessions', 'customers', 'lines', 'messages'] as const) {
      const tableReport = report[table]!;
      expect(tableReport.rowsIn, table).toBe(shop.summary[table]);
      expect(tableReport.rowsUsed, table).toBe(shop.summary[table]);
      expect(tableReport.rejected, table).toEqual({});
      expect(tableReport.repaired, table).toEqual({});
      expect(dataset[table]!.length, table).toBe(shop.summary[table]);
    }
    expect(report.warnings).toEqual([]);
    expect(dataset.time).toEqual({ timeZone: 'Europe/Berlin', weekStart: 1 });
    expect(dataset.ordersOnly).toBe(false);
    expect(dataset.sessionActions).toEqual(['has_basket', 'order_screen']);
    expect(dataset.customerActions).toEqual(['first_login_date']);
  });

  it('produces the expected column types, with organic orders as missing promotions', async () => {
    const { dataset } = await sampleDataset({ orders: 1000 });
    const types = (table: 'sessions' | 'customers' | 'lines' | 'messages') =>
      Object.fromEntries(Object.entries(dataset[table]!.columns).map(([name, column]) => [name, column.type]));
    expect(types('sessions')).toMatchObject({
      order_id: 'string',
      client: 'string',
      session_start: 'time',
      session_end: 'time',
      has_purchased: 'boolean',
      has_basket: 'boolean',
      order_screen: 'boolean',
      payment_amount: 'number',
      discount_amount: 'number',
      promotion_id: 'string',
      dimension: 'string',
      customer: 'ref',
    });
    expect(types('customers')).toMatchObject({ client: 'string', download_date: 'time', signup_date: 'time', first_login_date: 'time', gender: 'string', location: 'string' });
    expect(types('lines')).toMatchObject({ order: 'ref', order_id: 'string', product: 'string', category: 'string', price: 'number', quantity: 'number' });
    expect(types('messages')).toMatchObject({ sent_at: 'time', opened_at: 'time', channel: 'string', campaign: 'string' });

    const sessions = dataset.sessions.columns;
    const purchased = sessions.has_purchased;
    const promotion = sessions.promotion_id;
    const discount = sessions.discount_amount;
    if (purchased.type !== 'boolean' || promotion.type !== 'string' || discount.type !== 'number') throw new Error('unexpected column types');
    let organic = 0;
    for (let i = 0; i < dataset.sessions.length; i++) {
      if (purchased.values[i] && promotion.codes[i] === -1) {
        organic++;
        expect(discount.values[i]).toBe(0);
      }
    }
    expect(organic).toBeGreaterThan(500);
    // Every basket line points at its order row.
    const lines = dataset.lines!.columns.order;
    if (lines.type !== 'ref') throw new Error('lines.order is not a ref');
    expect(lines.rows.every((row) => row >= 0 && purchased.values[row] === 1)).toBe(true);
  });
});
