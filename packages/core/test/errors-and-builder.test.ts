import { describe, expect, it } from 'vitest';
import { ClvDataError, describeLocation, MissingInputError } from '../src/errors.js';
import { TableReportBuilder } from '../src/report.js';
import { StringColumnBuilder, TableBuilder } from '../src/table-builder.js';

describe('ClvDataError', () => {
  it('says where and what, and serialises through JSON and structured clone', () => {
    const error = new ClvDataError('number', { table: 'sessions', field: 'payment_amount', column: 'Amount', row: 17, line: 18 }, 'not a number', { value: 'ten', hint: 'use a dot' });
    expect(error.message).toBe('sessions.payment_amount (column "Amount"), row 17, line 18: not a number (use a dot)');
    expect(error.name).toBe('ClvDataError');
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toEqual({ name: 'ClvDataError', rule: 'number', location: error.location, message: error.message, value: 'ten', hint: 'use a dot' });
    const revived = ClvDataError.fromJSON(structuredClone(error.toJSON()));
    expect(revived).toBeInstanceOf(ClvDataError);
    expect(revived).toBeInstanceOf(Error);
    expect(revived.name).toBe('ClvDataError');
    expect([revived.rule, revived.message, revived.value]).toEqual(['number', error.message, 'ten']);
  });

  it('truncates long values', () => {
    const error = new ClvDataError('type', { table: 'lines' }, 'bad', { value: 'x'.repeat(200) });
    expect(error.value).toHaveLength(80);
    expect(error.value!.endsWith('...')).toBe(true);
  });

  it('describes locations, leaving out the column when it equals the field', () => {
    expect(describeLocation({ table: 'customers', field: 'client', column: 'client', row: 3 })).toBe('customers.client, row 3');
    expect(describeLocation({ table: 'line-items' })).toBe('line-items');
  });

  it('MissingInputError names the analysis and the missing input', () => {
    const error = new MissingInputError('top-products', 'basket lines', 'map a lines table');
    expect(error.message).toBe('top-products needs basket lines: map a lines table');
    expect([error.name, error.analysis, error.missing]).toEqual(['MissingInputError', 'top-products', 'basket lines']);
  });
});

describe('TableBuilder', () => {
  it('grows past its initial capacity and trims to the row count', () => {
    const builder = new TableBuilder('lines');
    const price = builder.number('price');
    const product = builder.string('product');
    const flag = builder.boolean('flag');
    const order = builder.ref('order', 'sessions');
    for (let i = 0; i < 3000; i++) {
      price.push(i / 2);
      product.push(i % 3 === 0 ? null : `p${i % 5}`);
      flag.push(i % 2 === 0);
      order.push(i - 1);
      builder.commitRow();
    }
    const table = builder.build();
    expect(table.length).toBe(3000);
    const p = table.columns.price;
    expect(p.type === 'number' && [p.values.length, p.values[2999], p.values.buffer.byteLength]).toEqual([3000, 1499.5, 24_000]);
    const s = table.columns.product;
    // First seen: i=1 -> p1, 2 -> p2, 4 -> p4, 5 -> p0, 8 -> p3.
    expect(s.type === 'string' && s.dictionary).toEqual(['p1', 'p2', 'p4', 'p0', 'p3']);
    expect(s.type === 'string' && Array.from(s.codes.subarray(0, 6))).toEqual([-1, 0, 1, -1, 2, 3]);
    expect(table.columns.flag.type === 'boolean' && table.columns.flag.values[1]).toBe(0);
    expect(table.columns.order).toMatchObject({ type: 'ref', table: 'sessions' });
  });

  it('refuses duplicate column names and columns of unequal length', () => {
    const builder = new TableBuilder('sessions');
    builder.number('x');
    expect(() => builder.string('x')).toThrow(RangeError);
    builder.commitRow();
    expect(() => builder.build()).toThrow(/importer bug/);
  });

  it('StringColumnBuilder: codeOf finds pushed values, and push after a missed codeOf inserts once', () => {
    const column = new StringColumnBuilder();
    expect(column.codeOf('a')).toBe(-1);
    expect(column.push('a')).toBe(0);
    expect(column.push('a')).toBe(0);
    expect(column.codeOf('b')).toBe(-1);
    expect(column.push('c')).toBe(1); // a different value after the miss
    expect(column.push('b')).toBe(2);
    expect(column.codeOf('b')).toBe(2);
    expect(column.valueAt(3)).toBe('b');
    expect(column.build().dictionary).toEqual(['a', 'c', 'b']);
  });
});

describe('TableReportBuilder', () => {
  it('counts by rule, keeps samples, and refuses to build a report that does not reconcile', () => {
    const report = new TableReportBuilder('sessions');
    report.rowsIn = 3;
    report.rowsUsed = 1;
    report.reject('date', { field: 'session_start', row: 2 }, 'bad date', 'x');
    expect(() => report.build()).toThrow(/does not reconcile/);
    report.reject('date', { field: 'session_start', row: 3 }, 'bad date', 'y');
    report.repair('payment-without-purchase');
    const built = report.build();
    expect(built.rejected).toEqual({ date: 2 });
    expect(built.repaired).toEqual({ 'payment-without-purchase': 1 });
    expect(built.samples.map((s) => s.location)).toEqual([
      { table: 'sessions', field: 'session_start', row: 2 },
      { table: 'sessions', field: 'session_start', row: 3 },
    ]);
  });

  it('throws the error itself in throw mode', () => {
    const report = new TableReportBuilder('lines', true);
    expect(() => report.reject('negative', { field: 'price', row: 1 }, 'negative')).toThrow(ClvDataError);
  });
});
