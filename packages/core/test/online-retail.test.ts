import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { importLineItems } from '../src/line-items.js';
import { ONLINE_RETAIL_FILE, onlineRetailLines, onlineRetailPresent, splitLine } from './online-retail-file.js';

/**
 * Real, messy data: UCI Online Retail (541,909 order lines). The importer's report is checked
 * against counts computed here by a separate, deliberately simple parse (split on newlines,
 * a small quote-aware field splitter; the file has no newlines inside quotes).
 */
const FILE = ONLINE_RETAIL_FILE;
const present = onlineRetailPresent('online-retail.test');

function independentCounts() {
  const lines = onlineRetailLines();
  const header = splitLine(lines[0]);
  const col = (name: string) => header.indexOf(name);
  const [inv, qty, price, customer] = [col('InvoiceNo'), col('Quantity'), col('UnitPrice'), col('CustomerID')];
  const counts = { rows: 0, noCustomer: 0, negativePrice: 0, orderLines: 0, freeLines: 0, returnLines: 0, returnAmount: 0, revenue: 0 };
  const invoices = new Set<string>();
  const returnInvoices = new Set<string>();
  const clients = new Set<string>();
  for (let k = 1; k < lines.length; k++) {
    const f = splitLine(lines[k]);
    counts.rows++;
    if (f[customer].trim() === '') {
      counts.noCustomer++;
      continue;
    }
    const p = Number(f[price]);
    const q = Number(f[qty]);
    if (p < 0) {
      counts.negativePrice++;
      continue;
    }
    if (f[inv].startsWith('C') || q < 0) {
      counts.returnLines++;
      counts.returnAmount += p * Math.abs(q);
      returnInvoices.add(f[inv]);
      continue;
    }
    counts.orderLines++;
    if (p === 0) counts.freeLines++;
    counts.revenue += p * q;
    invoices.add(f[inv]);
    clients.add(f[customer]);
  }
  return { ...counts, invoices: invoices.size, returnInvoices: returnInvoices.size, clients: clients.size };
}

/**
 * Raw facts of the file, counted per combination of the four properties the import's rules
 * look at (client present, invoice cancelled, quantity < 0, price < 0), with no precedence
 * between them, so every bucket of the report can be tied back to the text.
 */
function rawFacts() {
  const lines = onlineRetailLines();
  const header = splitLine(lines[0]);
  const [inv, qty, price, customer] = ['InvoiceNo', 'Quantity', 'UnitPrice', 'CustomerID'].map((name) => header.indexOf(name));
  const cross = new Map<string, number>(); // "client|cancelled|qty<0|price<0" flags as 0/1
  const facts = { rows: 0, cancelledRows: 0, noCustomer: 0, quantityBelow0: 0, quantity0: 0, priceBelow0: 0, price0: 0, firstNoCustomerRow: 0 };
  const cancelledInvoices = new Set<string>();
  for (let k = 1; k < lines.length; k++) {
    const f = splitLine(lines[k]);
    facts.rows++;
    const hasClient = f[customer].trim() !== '';
    const cancelled = f[inv].startsWith('C');
    const q = Number(f[qty]);
    const p = Number(f[price]);
    if (cancelled) {
      facts.cancelledRows++;
      cancelledInvoices.add(f[inv]);
    }
    if (!hasClient) {
      facts.noCustomer++;
      if (facts.firstNoCustomerRow === 0) facts.firstNoCustomerRow = k;
    }
    if (q < 0) facts.quantityBelow0++;
    if (q === 0) facts.quantity0++;
    if (p < 0) facts.priceBelow0++;
    if (p === 0) facts.price0++;
    const key = [hasClient, cancelled, q < 0, p < 0].map(Number).join('');
    cross.set(key, (cross.get(key) ?? 0) + 1);
  }
  /** Rows whose flags match `pattern` ("1..0": client, any, any, price >= 0). */
  const count = (pattern: string) => [...cross].filter(([key]) => [...pattern].every((c, i) => c === '.' || c === key[i])).reduce((a, [, n]) => a + n, 0);
  return { ...facts, cancelledInvoices: cancelledInvoices.size, fields: header.length, cross: Object.fromEntries([...cross].sort()), count };
}

describe.skipIf(!present)('importLineItems on UCI Online Retail (real data)', () => {
  const MAPPING = { order_id: 'InvoiceNo', product: 'StockCode', description: 'Description', quantity: 'Quantity', session_start: 'InvoiceDate', price: 'UnitPrice', client: 'CustomerID', dimension: 'Country' };
  const open = () => {
    const stream = createReadStream(FILE).pipe(createGunzip());
    stream.setEncoding('utf8');
    return stream as AsyncIterable<string>;
  };

  it('ties every bucket of the report to raw facts of the file, and the first bad row to its line', async () => {
    const facts = rawFacts();
    const expected = independentCounts();
    const { report } = await importLineItems({ data: open(), format: 'csv', mapping: MAPPING });
    const li = report.lineItems!;
    // Published facts (see /work/shared/data/README.md) and what the file holds besides.
    expect([facts.rows, facts.noCustomer, facts.fields]).toEqual([541_909, 135_080, 8]);
    expect(facts.quantity0).toBe(0); // no zero quantities: every line is a sale or a return
    // Each bucket from the cross-tab: no client first, then a negative price, then returns
    // (cancelled or negative quantity), the rest are order lines.
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(li.rejected).toEqual(nonZero({ required: facts.count('0...'), negative: facts.count('1..1') }));
    expect(li.returns.lines).toBe(facts.count('11.0') + facts.count('1010'));
    expect(li.orderLines).toBe(facts.count('1000'));
    expect(facts.count('....')).toBe(facts.rows);
    expect(li.rowsIn).toBe(li.orderLines + li.returns.lines + facts.count('0...') + facts.count('1..1'));
    expect(li.rowsUsed).toBe(li.orderLines + li.returns.lines);
    console.log(
      `online-retail: ${facts.rows} rows; ${facts.noCustomer} without CustomerID; ${facts.cancelledRows} cancelled rows in ${facts.cancelledInvoices} C-invoices; ` +
        `${facts.quantityBelow0} with quantity < 0; ${facts.priceBelow0} with price < 0; ${facts.price0} with price 0; cross-tab (client,cancelled,qty<0,price<0) ${JSON.stringify(facts.cross)} | report: ${li.orderLines} order lines (${li.freeLines} free) in ${li.ordersDerived} orders, ` +
        `${li.returns.lines} return lines in ${li.returns.invoices} invoices (amount ${li.returns.amount.toFixed(2)}), rejected ${JSON.stringify(li.rejected)}`,
    );

    // With onInvalidRow 'throw', the first row without a client stops the import, located.
    let error: unknown = null;
    try {
      await importLineItems({ data: open(), format: 'csv', mapping: MAPPING }, { onInvalidRow: 'throw' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClvDataError);
    expect((error as ClvDataError).rule).toBe('required');
    // The file has no newlines inside quotes: data row k is physical line k + 1.
    expect((error as ClvDataError).location).toEqual({ table: 'line-items', field: 'client', column: 'CustomerID', row: facts.firstNoCustomerRow, line: facts.firstNoCustomerRow + 1 });
  }, 180_000);

  it('streams the gzipped file and reconciles with an independent count', async () => {
    const expected = independentCounts();
    // Facts published with the data set (see /work/shared/data/README.md).
    expect(expected.rows).toBe(541_909);
    expect(expected.noCustomer).toBe(135_080);

    const stream = createReadStream(FILE).pipe(createGunzip());
    stream.setEncoding('utf8');
    const { dataset, report } = await importLineItems({
      data: stream as AsyncIterable<string>,
      format: 'csv',
      mapping: { order_id: 'InvoiceNo', product: 'StockCode', description: 'Description', quantity: 'Quantity', session_start: 'InvoiceDate', price: 'UnitPrice', client: 'CustomerID', dimension: 'Country' },
    });
    const li = report.lineItems!;
    expect(li.rowsIn).toBe(expected.rows);
    expect(li.rejected.required).toBe(135_080);
    expect(li.rejected.negative ?? 0).toBe(expected.negativePrice);
    // Nothing else is wrong with this file: every other row parses.
    expect(Object.keys(li.rejected).filter((r) => r !== 'required' && r !== 'negative')).toEqual([]);
    expect(li.orderLines).toBe(expected.orderLines);
    expect(li.freeLines).toBe(expected.freeLines);
    expect(li.returns.lines).toBe(expected.returnLines);
    expect(li.returns.invoices).toBe(expected.returnInvoices);
    expect(li.returns.amount).toBeCloseTo(expected.returnAmount, 4);
    expect(li.ordersDerived).toBe(expected.invoices);
    expect(li.rowsIn).toBe(li.orderLines + li.returns.lines + Object.values(li.rejected).reduce((a, b) => a + b, 0));

    expect(dataset.sessions.length).toBe(expected.invoices);
    expect(dataset.lines!.length).toBe(expected.orderLines);
    expect(dataset.returns!.length).toBe(expected.returnLines);
    const payments = dataset.sessions.columns.payment_amount;
    let revenue = 0;
    if (payments.type === 'number') for (const v of payments.values) revenue += v;
    expect(revenue).toBeCloseTo(expected.revenue, 4);
    const clients = dataset.sessions.columns.client;
    expect(clients.type === 'string' && clients.dictionary.length).toBe(expected.clients);
    const starts = dataset.sessions.columns.session_start;
    if (starts.type !== 'time') throw new Error('session_start must be a time column');
    expect(Math.min(...starts.values)).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(Math.max(...starts.values)).toBe(Date.UTC(2011, 11, 9, 12, 50));
  }, 180_000);
});
