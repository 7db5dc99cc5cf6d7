import { importDataset, type Column, type Table } from '@clvkit/core';
import { describe, expect, it, vi } from 'vitest';
import { generateShop, sampleDataset, shopCsv, writeShopCsv } from '../src/index.js';

vi.setConfig({ testTimeout: 120_000 });

/** Row i of a column as a plain value (strings decoded), so two datasets compare cell by cell. */
function cell(column: Column, i: number): unknown {
  switch (column.type) {
    case 'string':
      return column.codes[i] < 0 ? null : column.dictionary[column.codes[i]];
    case 'ref':
      return column.rows[i];
    default:
      return column.values[i];
  }
}

function expectSameTable(actual: Table, expected: Table, columns: readonly string[]): void {
  expect(actual.length).toBe(expected.length);
  for (const name of columns) {
    const a = actual.columns[name];
    const e = expected.columns[name];
    expect(a?.type, name).toBe(e.type);
    for (let i = 0; i < expected.length; i++) {
      if (cell(a, i) !== cell(e, i) && !(Number.isNaN(cell(a, i)) && Number.isNaN(cell(e, i)))) {
        throw new Error(`${expected.name}.${name} row ${i}: ${String(cell(a, i))} from CSV, ${String(cell(e, i))} from rows`);
      }
    }
  }
}

describe('shopCsv', () => {
  it('imports to the same sessions, lines and customers as the generated rows (DST zone)', async () => {
    const options = { orders: 2500, seed: 5, timeZone: 'Europe/Berlin' };
    const csv = shopCsv(options);
    const shop = generateShop(options);
    expect(csv.summary).toEqual({ customers: shop.summary.customers, sessions: shop.summary.sessions, orders: 2500, lines: shop.summary.lines });

    const fromCsv = await importDataset(csv.input, csv.options);
    const { messages: _messages, ...rowsInput } = shop.input;
    const fromRows = await importDataset(rowsInput, shop.options);
    for (const table of ['sessions', 'lines', 'customers'] as const) {
      expect(fromCsv.report[table]!.rowsUsed, table).toBe(fromCsv.report[table]!.rowsIn);
      expect(fromCsv.report[table]!.rejected, table).toEqual({});
      expectSameTable(fromCsv.dataset[table]!, fromRows.dataset[table]!, Object.keys(fromRows.dataset[table]!.columns));
    }
    expect(fromCsv.report.warnings).toEqual([]);
  });

  it('writes a header first and the rows in chunks, matching shopCsv', () => {
    const chunks: string[] = [];
    const info = writeShopCsv({ orders: 40_000 }, { lines: (chunk) => chunks.push(chunk) });
    expect(chunks.length).toBeGreaterThan(1);
    const text = chunks.join('');
    expect(text).toMatch(/^order_id,product,category,price,quantity\nO\d{8},/);
    expect(text.split('\n').length - 2).toBe(info.summary.lines);
    expect(text).toBe(shopCsv({ orders: 40_000 }).input.lines.data);
    // A product name with a quote is quoted, its quote doubled.
    expect(text).toMatch(/"Laptop Sleeve 14"""/);
  });

  it('writes the messages table too when asked: the same rows as generateShop (DST zone)', async () => {
    const options = { orders: 2500, seed: 5, timeZone: 'Europe/Berlin' };
    const chunks: string[] = [];
    const customers: string[] = [];
    writeShopCsv(options, { messages: (chunk) => chunks.push(chunk), customers: (chunk) => customers.push(chunk) });
    const shop = generateShop(options);
    const csv = shopCsv(options);
    const fromCsv = await importDataset({ sessions: csv.input.sessions, customers: { ...csv.input.customers, data: customers.join('') }, messages: { data: chunks.join(''), format: 'csv' } }, csv.options);
    const fromRows = await importDataset({ sessions: shop.input.sessions, customers: shop.input.customers, messages: shop.input.messages }, shop.options);
    expect(fromRows.dataset.messages!.length).toBeGreaterThan(100);
    expect(fromCsv.report.messages!.rejected).toEqual({});
    expectSameTable(fromCsv.dataset.messages!, fromRows.dataset.messages!, Object.keys(fromRows.dataset.messages!.columns).filter((name) => name !== 'customer'));
  });

  it('equals sampleDataset for the sessions table in UTC', async () => {
    const csv = shopCsv({ orders: 800 });
    const fromCsv = await importDataset({ sessions: csv.input.sessions }, csv.options);
    const { dataset } = await sampleDataset({ orders: 800 });
    const names = Object.keys(dataset.sessions.columns).filter((name) => name !== 'customer');
    expectSameTable(fromCsv.dataset.sessions, dataset.sessions, names);
  });
});
