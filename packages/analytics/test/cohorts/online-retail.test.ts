import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLineItems, NO_FILTER, type Dataset, type Row } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { ONLINE_RETAIL_FILE, onlineRetailLines, onlineRetailPresent, splitLine } from '../../../core/test/online-retail-file.js';

/**
 * Real data: UCI Online Retail (541,909 order lines, 2010-12-01 .. 2011-12-09), imported with
 * core's `importLineItems` from the gzipped CSV, against an independent computation written
 * here with plain Maps over the parsed lines (no analytics code). InvoiceDate is already
 * "YYYY-MM-DD HH:mm:ss" in this file, which core parses as is; here it is read as UTC.
 *
 * The independent derivation of orders follows the import rules (core/src/line-items.ts docs):
 * lines without a CustomerID and lines with a negative unit price are dropped; lines of "C"
 * invoices or with a negative quantity are returns, not orders; every other line belongs to
 * its invoice's order: revenue = Σ price × quantity, time = the earliest line, client = the
 * invoice's first client.
 */
const FILE = ONLINE_RETAIL_FILE;
const present = onlineRetailPresent('cohorts online-retail.test');

const DAY = 86_400_000;

interface Invoice {
  client: string;
  time: number;
  revenue: number;
}

/** The invoices that are orders, from the raw text. */
function independentInvoices(): Map<string, Invoice> {
  const lines = onlineRetailLines();
  const header = splitLine(lines[0]);
  const col = (name: string) => header.indexOf(name);
  const [inv, qty, date, price, customer] = [col('InvoiceNo'), col('Quantity'), col('InvoiceDate'), col('UnitPrice'), col('CustomerID')];
  const invoices = new Map<string, Invoice>();
  for (let k = 1; k < lines.length; k++) {
    const f = splitLine(lines[k]);
    const client = f[customer].trim();
    if (client === '') continue;
    const p = Number(f[price]);
    const q = Number(f[qty]);
    if (p < 0) continue;
    if (f[inv].startsWith('C') || q < 0) continue;
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(f[date])) throw new Error(`unexpected InvoiceDate "${f[date]}" on line ${k + 1}`);
    const time = Date.parse(`${f[date].replace(' ', 'T')}Z`);
    const invoice = invoices.get(f[inv]);
    if (!invoice) invoices.set(f[inv], { client, time, revenue: p * q });
    else if (invoice.client === client) {
      invoice.revenue += p * q;
      invoice.time = Math.min(invoice.time, time);
    }
  }
  return invoices;
}

interface Cell {
  customers: Set<string>;
  orders: number;
  revenue: number;
}

/** Month key "YYYY-MM-01" of a UTC instant, and months between two such keys. */
const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7) + '-01';
const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
/** Monday (UTC) of the week of a UTC instant. */
const mondayOf = (t: number) => {
  const day = Math.floor(t / DAY) * DAY;
  const dow = new Date(day).getUTCDay();
  return day - ((dow + 6) % 7) * DAY;
};

/** Retention cells and cohort sizes by first-order bucket, independently. */
function independentCohorts(invoices: Map<string, Invoice>, bucketOf: (t: number) => string, between: (a: string, b: string) => number) {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const { client, time } of invoices.values()) {
    first.set(client, Math.min(first.get(client) ?? Infinity, time));
    last.set(client, Math.max(last.get(client) ?? -Infinity, time));
  }
  const sizes = new Map<string, number>();
  const lifetimes = new Map<string, number>();
  for (const [client, t] of first) {
    const cohort = bucketOf(t);
    sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
    lifetimes.set(cohort, (lifetimes.get(cohort) ?? 0) + (last.get(client)! - t) / DAY);
  }
  const cells = new Map<string, Cell>();
  for (const { client, time, revenue } of invoices.values()) {
    const cohort = bucketOf(first.get(client)!);
    const key = `${cohort}|${between(cohort, bucketOf(time))}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { customers: new Set(), orders: 0, revenue: 0 }));
    cell.customers.add(client);
    cell.orders++;
    cell.revenue += revenue;
  }
  return { sizes, cells, lifetimes };
}

describe.skipIf(!present)('cohorts and KPIs on UCI Online Retail (real data)', () => {
  let dataset: Dataset;
  let invoices: Map<string, Invoice>;

  beforeAll(async () => {
    invoices = independentInvoices();
    const stream = createReadStream(FILE).pipe(createGunzip());
    stream.setEncoding('utf8');
    const imported = await importLineItems({
      data: stream as AsyncIterable<string>,
      format: 'csv',
      mapping: { order_id: 'InvoiceNo', client: 'CustomerID', session_start: 'InvoiceDate', product: 'StockCode', description: 'Description', price: 'UnitPrice', quantity: 'Quantity', dimension: 'Country' },
    });
    dataset = imported.dataset;
  }, 300_000);

  const analysis = (name: string, params: Record<string, unknown> = {}) => runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter: NO_FILTER });

  /** Every cell of the analysis's rows against the independent cells, and every non-empty independent cell present. */
  function compareRetention(rows: readonly Row[], expected: ReturnType<typeof independentCohorts>): void {
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.cohort}|${row.offset}`;
      const cell = expected.cells.get(key);
      const want = { key, cohortSize: expected.sizes.get(row.cohort as string), customers: cell?.customers.size ?? 0, orders: cell?.orders ?? 0 };
      expect({ key, cohortSize: row.cohortSize, customers: row.customers, orders: row.orders }).toEqual(want);
      expect(row.revenue as number).toBeCloseTo(cell?.revenue ?? 0, 2);
      if (cell) seen.add(key);
    }
    expect(seen.size).toBe(expected.cells.size);
  }

  it('monthly retention_cohorts: customers, cohort size and revenue (to the cent) of every cell', () => {
    const expected = independentCohorts(invoices, monthOf, monthsBetween);
    const result = analysis('retention_cohorts', { bucket: 'month' });
    // 13 cohorts (December 2010 .. December 2011); cohort i has 13 - i offsets: 13 + 12 + ... + 1 cells.
    expect(expected.sizes.size).toBe(13);
    expect(result.rows).toHaveLength(91);
    compareRetention(result.rows, expected);
    // The LTV curve of the first cohort: cumulative revenue per customer = Σ revenue so far / size.
    const december = result.rows.filter((r) => r.cohort === '2010-12-01');
    let cumulative = 0;
    for (const row of december) {
      cumulative += expected.cells.get(`2010-12-01|${row.offset}`)?.revenue ?? 0;
      expect(row.cumulativeRevenuePerCustomer as number).toBeCloseTo(cumulative / expected.sizes.get('2010-12-01')!, 6);
    }
  });

  it('weekly retention_cohorts (weeks from Monday) cell by cell', () => {
    const week = (t: number) => new Date(mondayOf(t)).toISOString().slice(0, 10);
    const weeksBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00Z`) - Date.parse(`${a}T00:00Z`)) / (7 * DAY));
    const expected = independentCohorts(invoices, week, weeksBetween);
    const result = analysis('retention_cohorts', { bucket: 'week' });
    expect((result.meta as { cohorts: string[] }).cohorts).toHaveLength(expected.sizes.size);
    compareRetention(result.rows, expected);
  });

  it('cohort_lifetime: mean days from first to last order per monthly cohort', () => {
    const expected = independentCohorts(invoices, monthOf, monthsBetween);
    const rows = analysis('cohort_lifetime', { bucket: 'month' }).rows;
    expect(rows).toHaveLength(13);
    for (const row of rows) {
      const size = expected.sizes.get(row.cohort as string)!;
      expect(row.cohortSize).toBe(size);
      expect(row.meanLifetimeDays as number).toBeCloseTo(expected.lifetimes.get(row.cohort as string)! / size, 9);
    }
  });

  it('kpis: orders, revenue and buyers', () => {
    const kpis = Object.fromEntries(analysis('kpis').rows.map((r) => [r.metric, r.value]));
    let revenue = 0;
    const buyers = new Set<string>();
    for (const invoice of invoices.values()) {
      revenue += invoice.revenue;
      buyers.add(invoice.client);
    }
    expect(kpis.orders).toBe(invoices.size);
    expect(kpis.revenue as number).toBeCloseTo(revenue, 2);
    expect(kpis.buyers).toBe(buyers.size);
  });
});
