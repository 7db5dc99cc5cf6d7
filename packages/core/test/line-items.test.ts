import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { cancellationRule, importLineItems } from '../src/line-items.js';
import type { LineItemsMapping } from '../src/schema.js';
import type { Column, Table } from '../src/table.js';

function values(table: Table, name: string): unknown[] {
  const column: Column | undefined = table.columns[name];
  if (!column) throw new Error(`no column ${name}`);
  if (column.type === 'string') return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]));
  if (column.type === 'ref') return Array.from(column.rows);
  return Array.from(column.values);
}

const RETAIL_MAPPING: LineItemsMapping = {
  order_id: 'InvoiceNo',
  product: 'StockCode',
  description: 'Description',
  quantity: 'Quantity',
  session_start: 'InvoiceDate',
  price: 'UnitPrice',
  client: 'CustomerID',
  dimension: 'Country',
};

// Shaped like UCI Online Retail; each row says where it must end up.
const RETAIL_CSV = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom', //  order line (inv 536365)
  '536365,71053,"LANTERN, WHITE",6,2010-12-01 08:26:00,3.39,17850,United Kingdom', //      order line
  '536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom', //           order line (inv 536366)
  '536367,84879,BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,,United Kingdom', //            rejected: required (no client)
  'C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom', //              return (cancelled invoice)
  '536380,22961,JAM JAR,24,2010-12-01 09:41:00,0,17809,France', //                         order line, free (price 0)
  '536380,22962,"JAM ""JAR"" LID",-2,2010-12-01 09:40:00,0.85,17809,France', //            return (negative quantity)
  '536380,22963,LABEL,4,2010-12-01 09:39:00,0.5,17809,France', //                          order line, earlier date
  'A563186,B,Adjust bad debt,1,2011-08-12 14:51:00,-11062.06,17809,United Kingdom', //     rejected: negative (adjustment)
  '536381,22964,TIN,two,2010-12-01 09:45:00,1.25,17809,France', //                         rejected: number
  '536382,22965,BOX,1,someday,1.25,17809,France', //                                       rejected: date
  '536365,22966,ODD ONE,1,2010-12-01 08:26:00,1.00,99999,United Kingdom', //               rejected: duplicate (invoice of another client)
  'C536383,35004C,SET,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom', //                return (cancelled invoice)
].join('\r\n');
// 13 rows = 5 order lines + 3 return lines + 5 rejected (required, negative, number, date, duplicate).

describe('importLineItems', () => {
  it('derives one order per invoice and reconciles every source row', async () => {
    const { dataset, report } = await importLineItems({ data: RETAIL_CSV, mapping: RETAIL_MAPPING });
    const li = report.lineItems!;
    expect(li.rowsIn).toBe(13);
    expect(li.rejected).toEqual({ required: 1, negative: 1, number: 1, date: 1, duplicate: 1 });
    expect(li.orderLines).toBe(5);
    expect(li.returns.lines).toBe(3);
    expect(li.rowsUsed).toBe(5 + 3);
    expect(li.rowsIn).toBe(li.orderLines + li.returns.lines + Object.values(li.rejected).reduce((a, b) => a + b, 0));
    expect(li.ordersDerived).toBe(3);
    expect(li.freeLines).toBe(1);
    // Returns: C536379, 536380, C536383 -> 3 invoices; amount = 27.50*1 + 0.85*2 + 4.65*1 = 33.85.
    expect(li.returns.invoices).toBe(3);
    expect(li.returns.amount).toBeCloseTo(33.85, 10);
    expect(report.sessions).toMatchObject({ rowsIn: 3, rowsUsed: 3 });
    expect(report.lines).toMatchObject({ rowsIn: 5, rowsUsed: 5 });

    const s = dataset.sessions;
    expect(dataset.ordersOnly).toBe(true);
    expect(values(s, 'order_id')).toEqual(['536365', '536366', '536380']);
    expect(values(s, 'client')).toEqual(['17850', '17850', '17809']);
    // 536365: 6*2.55 + 6*3.39 = 15.30 + 20.34 = 35.64; 536366: 6*1.85 = 11.10; 536380: 24*0 + 4*0.5 = 2.
    const payments = values(s, 'payment_amount') as number[];
    expect(payments[0]).toBeCloseTo(35.64, 10);
    expect(payments[1]).toBeCloseTo(11.1, 10);
    expect(payments[2]).toBe(2);
    // 536380's earliest order line is 09:39 (the 09:40 line is a return and does not count).
    expect(values(s, 'session_start')).toEqual([Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 8, 28), Date.UTC(2010, 11, 1, 9, 39)]);
    expect(values(s, 'has_purchased')).toEqual([1, 1, 1]);
    expect(values(s, 'discount_amount')).toEqual([0, 0, 0]);
    expect(values(s, 'dimension')).toEqual(['United Kingdom', 'United Kingdom', 'France']);

    const l = dataset.lines!;
    expect(values(l, 'order_id')).toEqual(['536365', '536365', '536366', '536380', '536380']);
    expect(values(l, 'order')).toEqual([0, 0, 1, 2, 2]);
    expect(values(l, 'product')).toEqual(['85123A', '71053', '22633', '22961', '22963']);
    expect(values(l, 'description')).toEqual(['WHITE HANGING HEART', 'LANTERN, WHITE', 'HAND WARMER', 'JAM JAR', 'LABEL']);
    expect(values(l, 'price')).toEqual([2.55, 3.39, 1.85, 0, 0.5]);
    expect(values(l, 'quantity')).toEqual([6, 6, 6, 24, 4]);

    const r = dataset.returns!;
    expect(values(r, 'order_id')).toEqual(['C536379', '536380', 'C536383']);
    expect(values(r, 'quantity')).toEqual([-1, -2, -1]);
    expect(values(r, 'client')).toEqual(['14527', '17809', '15311']);
    expect(values(r, 'description')).toEqual(['Discount', 'JAM "JAR" LID', 'SET']);
    expect(values(r, 'returned_at')).toEqual([Date.UTC(2010, 11, 1, 9, 41), Date.UTC(2010, 11, 1, 9, 40), Date.UTC(2010, 11, 1, 9, 49)]);
    expect(r.columns.order).toBeUndefined();
  });

  it('names the place of each rejected row', async () => {
    const { report } = await importLineItems({ data: RETAIL_CSV, mapping: RETAIL_MAPPING });
    const locations = Object.fromEntries(report.lineItems!.samples.map((e) => [e.rule, e.location]));
    expect(locations.required).toEqual({ table: 'line-items', field: 'client', column: 'CustomerID', row: 4, line: 5 });
    expect(locations.negative).toEqual({ table: 'line-items', field: 'price', column: 'UnitPrice', row: 9, line: 10 });
    expect(locations.duplicate).toEqual({ table: 'line-items', field: 'client', column: 'CustomerID', row: 12, line: 13 });
  });

  it('rejects a row without a client before looking at its price (required comes first)', async () => {
    const csv = 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\nA1,B,1,2011-08-12 14:51:00,-11062.06,\n';
    const { report } = await importLineItems({ data: csv, mapping: RETAIL_MAPPING_NO_TEXT });
    expect(report.lineItems!.rejected).toEqual({ required: 1 });
  });

  it('throws the first invalid row with onInvalidRow "throw"', async () => {
    await expect(importLineItems({ data: RETAIL_CSV, mapping: RETAIL_MAPPING }, { onInvalidRow: 'throw' })).rejects.toMatchObject({
      name: 'ClvDataError',
      rule: 'required',
      location: { table: 'line-items', row: 4 },
    });
  });

  it('follows a custom cancellation rule', async () => {
    const rows = [
      { order_id: 'X-1', client: 'a', session_start: '2024-01-01', product: 'p', price: 5, quantity: 1 },
      { order_id: 'R-2', client: 'a', session_start: '2024-01-02', product: 'p', price: 5, quantity: 1 },
      { order_id: 'C-3', client: 'a', session_start: '2024-01-03', product: 'p', price: 5 },
    ];
    const byRegExp = await importLineItems({ data: rows, mapping: { isCancelled: /^R-/ } });
    expect(values(byRegExp.dataset.sessions, 'order_id')).toEqual(['X-1', 'C-3']);
    expect(values(byRegExp.dataset.returns!, 'order_id')).toEqual(['R-2']);
    // quantity defaults to 1
    expect(values(byRegExp.dataset.lines!, 'quantity')).toEqual([1, 1]);
    const none = await importLineItems({ data: rows, mapping: { isCancelled: false } });
    expect(none.dataset.sessions.length).toBe(3);
    const byPrefix = await importLineItems({ data: rows, mapping: { isCancelled: 'X' } });
    expect(values(byPrefix.dataset.returns!, 'order_id')).toEqual(['X-1']);
    const byFunction = await importLineItems({ data: rows, mapping: { isCancelled: (id) => id.endsWith('3') } });
    expect(values(byFunction.dataset.returns!, 'order_id')).toEqual(['C-3']);
  });

  it('cancellationRule: the default is the Online Retail "C" prefix; a global RegExp stays stateless', () => {
    const rule = cancellationRule(undefined);
    expect(rule('C536379')).toBe(true);
    expect(rule('536379')).toBe(false);
    expect(rule('c536379')).toBe(false);
    const global = cancellationRule(/^C/g);
    expect([global('C1'), global('C1'), global('C1')]).toEqual([true, true, true]);
    expect(() => cancellationRule(42 as unknown as string)).toThrow(ClvDataError);
  });

  it('reports a missing mapped column and empty input', async () => {
    await expect(importLineItems({ data: 'InvoiceNo,StockCode\n1,2', mapping: RETAIL_MAPPING })).rejects.toMatchObject({ rule: 'missing-column', location: { table: 'line-items' } });
    await expect(importLineItems({ data: '' })).rejects.toMatchObject({ rule: 'empty-input' });
    const headerOnly = await importLineItems({ data: 'order_id,client,session_start,product,price\n' });
    expect(headerOnly.dataset.sessions.length).toBe(0);
    expect(headerOnly.report.lineItems).toMatchObject({ rowsIn: 0, rowsUsed: 0, ordersDerived: 0, returns: { lines: 0, invoices: 0, amount: 0 } });
  });
});

const RETAIL_MAPPING_NO_TEXT: LineItemsMapping = { order_id: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity', session_start: 'InvoiceDate', price: 'UnitPrice', client: 'CustomerID' };
