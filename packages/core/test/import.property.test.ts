import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { importDataset } from '../src/import.js';
import type { ImportReport, TableReport } from '../src/report.js';
import type { Column, Table } from '../src/table.js';

function values(table: Table, name: string): unknown[] {
  const column: Column | undefined = table.columns[name];
  if (!column) throw new Error(`no column ${name}`);
  if (column.type === 'string') return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]));
  if (column.type === 'ref') return Array.from(column.rows);
  return Array.from(column.values);
}

const reconciles = (r: TableReport | undefined) => !r || r.rowsIn === r.rowsUsed + Object.values(r.rejected).reduce((a, b) => a + b, 0);
const allReconcile = (report: ImportReport) => [report.sessions, report.customers, report.lines, report.messages].every(reconciles);

/** Text that survives import unchanged: non-empty, no surrounding blanks, not an organic token. */
const text = fc
  .string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'B', '7', ' ', ',', '"', 'é', '\n', '-', '_') })
  .filter((s) => s.trim() === s && !['-', 'none', 'null', 'nan', 'n/a'].includes(s.toLowerCase()));
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) });

const validSession = fc.record({
  client: text,
  session_start: instant,
  has_purchased: fc.boolean(),
  payment: cents,
  discount_amount: cents,
  promotion_id: fc.option(text, { nil: null }),
  dimension: fc.option(text, { nil: null }),
  basket: fc.boolean(),
});

type Session = { order_id: string; client: string; session_start: number; has_purchased: boolean; payment_amount: number; discount_amount: number; promotion_id: string | null; dimension: string | null; basket: boolean };

/** Unique order ids; a non-purchase has payment 0 (anything else would be repaired). */
const sessionsArbitrary = fc.array(validSession, { maxLength: 30 }).map((rows) =>
  rows.map((r, i): Session => ({
    order_id: `o${i}`,
    client: r.client,
    session_start: r.session_start,
    has_purchased: r.has_purchased,
    payment_amount: r.has_purchased ? r.payment : 0,
    discount_amount: r.discount_amount,
    promotion_id: r.promotion_id,
    dimension: r.dimension,
    basket: r.basket,
  })),
);

function toCsv(rows: Session[]): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const header = 'order_id,client,session_start,has_purchased,payment_amount,discount_amount,promotion_id,dimension,basket';
  const body = rows.map((r) =>
    [quote(r.order_id), quote(r.client), new Date(r.session_start).toISOString(), r.has_purchased ? 'True' : 'false', String(r.payment_amount), String(r.discount_amount), r.promotion_id === null ? '' : quote(r.promotion_id), r.dimension === null ? '' : quote(r.dimension), r.basket ? 'y' : 'n'].join(','),
  );
  return [header, ...body].join('\r\n');
}

function expectRoundTrip(table: Table, rows: Session[]): void {
  expect(table.length).toBe(rows.length);
  expect(values(table, 'order_id')).toEqual(rows.map((r) => r.order_id));
  expect(values(table, 'client')).toEqual(rows.map((r) => r.client));
  expect(values(table, 'session_start')).toEqual(rows.map((r) => r.session_start));
  expect(values(table, 'has_purchased')).toEqual(rows.map((r) => (r.has_purchased ? 1 : 0)));
  expect(values(table, 'payment_amount')).toEqual(rows.map((r) => r.payment_amount));
  expect(values(table, 'discount_amount')).toEqual(rows.map((r) => r.discount_amount));
  expect(values(table, 'promotion_id')).toEqual(rows.map((r) => r.promotion_id));
  expect(values(table, 'dimension')).toEqual(rows.map((r) => r.dimension));
  expect(values(table, 'basket')).toEqual(rows.map((r) => (r.basket ? 1 : 0)));
}

const MAPPING = { has_purchased: 'has_purchased', promotion_id: 'promotion_id', dimension: 'dimension', actions: ['basket'] };

describe('importDataset properties', () => {
  it('round-trips random valid rows: objects (epoch ms, Date, ISO) and CSV give back the inputs', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsArbitrary, fc.constantFrom('epoch', 'date', 'iso'), async (rows, timeForm) => {
        if (rows.length === 0) return;
        const objects = rows.map((r) => ({
          ...r,
          session_start: timeForm === 'epoch' ? r.session_start : timeForm === 'date' ? new Date(r.session_start) : new Date(r.session_start).toISOString(),
        }));
        const fromObjects = await importDataset({ sessions: { data: objects, mapping: MAPPING } });
        expect(fromObjects.report.sessions).toMatchObject({ rowsIn: rows.length, rowsUsed: rows.length, rejected: {}, repaired: {} });
        expectRoundTrip(fromObjects.dataset.sessions, rows);

        const fromCsv = await importDataset({ sessions: { data: toCsv(rows), mapping: MAPPING } });
        expect(fromCsv.report.sessions).toMatchObject({ rowsIn: rows.length, rowsUsed: rows.length, rejected: {} });
        expectRoundTrip(fromCsv.dataset.sessions, rows);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws anything but ClvDataError on corrupt rows, and always reconciles', async () => {
    const junk = fc.oneof(
      fc.constantFrom(undefined, null, '', ' ', 'NaN', 'Infinity', '-1', '1e999', 'abc', 'true', 'None', '-', '2024-02-30', '2024-03-31 02:30', '1,5', {}, [], true, -0, NaN),
      fc.string({ maxLength: 6 }),
      fc.double(),
      fc.integer(),
      fc.date({ noInvalidDate: false }),
    );
    const row = fc.record(
      { order_id: fc.oneof(junk, fc.constantFrom('o1', 'o2', 'o3')), client: fc.oneof(junk, fc.constantFrom('c1', 'c2')), session_start: fc.oneof(junk, instant), has_purchased: junk, payment_amount: fc.oneof(junk, cents), discount_amount: junk, promotion_id: junk },
      { requiredKeys: [] },
    );
    const line = fc.record({ order_id: fc.oneof(junk, fc.constantFrom('o1', 'o2')), product: junk, price: fc.oneof(junk, cents), quantity: junk }, { requiredKeys: [] });
    const customer = fc.record({ client: fc.oneof(junk, fc.constantFrom('c1', 'c2')), download_date: fc.oneof(junk, instant) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(row, fc.constantFrom(null, 7, 'x')), { maxLength: 25 }),
        fc.array(line, { maxLength: 10 }),
        fc.array(customer, { maxLength: 10 }),
        fc.constantFrom<'rows' | 'csv'>('rows', 'csv'),
        async (sessions, lines, customers, form) => {
          const asCsv = (rows: unknown[], columns: string[]) =>
            [columns.join(','), ...rows.map((r) => columns.map((c) => {
              const v = r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[c] : r;
              return `"${String(v ?? '').replace(/"/g, '""')}"`;
            }).join(','))].join('\n');
          const input =
            form === 'rows'
              ? { sessions: { data: sessions as Record<string, unknown>[] }, lines: { data: lines }, customers: { data: customers } }
              : {
                  sessions: { data: asCsv(sessions, ['order_id', 'client', 'session_start', 'has_purchased', 'payment_amount', 'discount_amount', 'promotion_id']) },
                  lines: { data: asCsv(lines, ['order_id', 'product', 'price', 'quantity']) },
                  customers: { data: asCsv(customers, ['client', 'download_date']) },
                };
          try {
            const { report, dataset } = await importDataset(input);
            expect(allReconcile(report)).toBe(true);
            expect(dataset.sessions.length).toBe(report.sessions.rowsUsed);
            const payments = values(dataset.sessions, 'payment_amount') as number[];
            expect(payments.every((p) => Number.isFinite(p) && p >= 0)).toBe(true);
            const ids = values(dataset.sessions, 'order_id');
            expect(new Set(ids).size).toBe(ids.length);
            // Every line points at an existing session with the same order_id.
            if (dataset.lines) {
              const refs = values(dataset.lines, 'order') as number[];
              const lineIds = values(dataset.lines, 'order_id');
              refs.forEach((ref, k) => expect(ids[ref]).toBe(lineIds[k]));
            }
          } catch (error) {
            // Structural problems (e.g. a column no row has) are ClvDataErrors, never anything else.
            expect(error).toBeInstanceOf(ClvDataError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
