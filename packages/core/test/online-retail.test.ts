import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
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

describe.skipIf(!present)('importLineItems on UCI Online Retail (real data)', () => {
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
