import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { importDataset, type ImportInput } from '../src/import.js';
import type { ImportReport } from '../src/report.js';
import type { Column, Dataset } from '../src/table.js';
import { ReferenceCsvParser } from './csv-reference.js';

// The CSV import decodes fields from the scanner's ranges with fast paths; object rows go
// through the general cell parsers. Fed the same messy cells (rows made of the fields the
// reference parser reads from the same text), both must build the same dataset and report.

const cell = {
  id: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', ' o1', 'o2 ', '', 'o"6', 'o,7'),
  client: fc.constantFrom('c1', 'c2', 'c3', 'C000001', ' c1 ', '', 'é1', 'a longer client name 1'),
  number: fc.constantFrom('12.5', '-3', ' 4 ', '1e3', 'abc', '', '1,5', '0', '-0', '.5', '007', '1234567890123456', '1.234,5', 'NaN', 'inf', '99.999', '+2'),
  time: fc.constantFrom('2024-03-31 02:30', '2024-10-27T02:30:00', '2024-10-27 02:30:00.500', '2024-01-01', '2024-06-01T10:00:00Z', '2024-06-01 10:00+02:00', '', 'x', ' 2024-01-01', '1700000000000', '2024-02-30', '20240105', '2024-06-01 25:00'),
  flag: fc.constantFrom('true', 'FALSE', '1', '0', 'y', 'N', 'maybe', '', ' yes ', 'on', 'Off'),
  promotion: fc.constantFrom('', '-', 'None', 'n/a', 'NULL', 'SPRING', ' x ', 'NaN', 'XMAS', 'BF24'),
  text: fc.constantFrom('a', 'é', ' b ', 'a,b', 'say "hi"', '', '   ', 'Home/Kitchen/Cookware', 'two\nlines'),
};

type Table = { header: string[]; rows: string[][] };

const sessionsTable = fc.array(fc.tuple(cell.id, cell.client, cell.time, cell.flag, cell.number, cell.number, cell.promotion, cell.text, cell.flag), { maxLength: 25 }).map(
  (rows): Table => ({ header: ['order_id', 'client', 'session_start', 'has_purchased', 'payment_amount', 'discount_amount', 'promotion_id', 'dimension', 'basket'], rows }),
);
const linesTable = fc.array(fc.tuple(cell.id, cell.text, cell.text, cell.number, cell.number), { maxLength: 25 }).map((rows): Table => ({ header: ['order_id', 'product', 'category', 'price', 'quantity'], rows }));
const customersTable = fc.array(fc.tuple(cell.client, cell.time, cell.time, cell.text), { maxLength: 8 }).map((rows): Table => ({ header: ['client', 'download_date', 'first_login', 'gender'], rows }));

/** CSV text of a table: fields quoted when they must be, or when `quoteAll`; CRLF or LF line ends. */
function toCsv(table: Table, quoteAll: boolean, crlf: boolean): string {
  const field = (v: string) => (quoteAll || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [table.header, ...table.rows].map((r) => r.map(field).join(',')).join(crlf ? '\r\n' : '\n');
}

/** The records of `text` as objects keyed by the header, as the reference parser reads them. */
function toObjects(text: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const parser = new ReferenceCsvParser({}, (fields) => out.push(Object.fromEntries(parser.header!.map((name, k) => [name, fields[k]]))));
  parser.push(text);
  parser.end();
  return out;
}

function cellOf(column: Column, i: number): unknown {
  if (column.type === 'string') return column.codes[i] < 0 ? null : column.dictionary[column.codes[i]];
  if (column.type === 'ref') return column.rows[i];
  return column.values[i];
}

function plain(dataset: Dataset) {
  const tables: Record<string, Record<string, unknown[]>> = {};
  for (const name of ['sessions', 'customers', 'lines'] as const) {
    const table = dataset[name];
    if (!table) continue;
    tables[name] = Object.fromEntries(Object.entries(table.columns).map(([column, def]) => [column, Array.from({ length: table.length }, (_, i) => cellOf(def, i))]));
  }
  return tables;
}

/** The report without CSV line numbers (object rows have none). */
function withoutLines(report: ImportReport) {
  const strip = (t: ImportReport['sessions'] | undefined) => t && { ...t, samples: t.samples.map(({ location, message, ...rest }) => ({ ...rest, message: message.replace(/, line \d+/, ''), location: { ...location, line: undefined } })) };
  return { sessions: strip(report.sessions), customers: strip(report.customers), lines: strip(report.lines), warnings: report.warnings };
}

async function outcome(input: ImportInput, options: { timeZone: string; onInvalidRow?: 'throw' }) {
  try {
    const { dataset, report } = await importDataset(input, options);
    return { dataset: plain(dataset), report: withoutLines(report) };
  } catch (error) {
    if (!(error instanceof ClvDataError)) throw error;
    return { error: error.rule, field: error.location.field, row: error.location.row, message: error.message.replace(/, line \d+/, '') };
  }
}

describe('CSV import = object rows of the same fields', () => {
  it('builds the same dataset and report from messy cells (property)', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsTable, linesTable, customersTable, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), async (sessions, lines, customers, quoteAll, crlf, decimalComma, throwOnReject) => {
        if (sessions.rows.length === 0) return;
        const texts = { sessions: toCsv(sessions, quoteAll, crlf), lines: toCsv(lines, quoteAll, crlf), customers: toCsv(customers, quoteAll, crlf) };
        const mappings = { sessions: { has_purchased: 'has_purchased', promotion_id: 'promotion_id', dimension: 'dimension', actions: ['basket'] }, lines: {}, customers: { actions: ['first_login'], attributes: ['gender'] } };
        const options = { timeZone: 'Europe/Berlin', ...(throwOnReject ? { onInvalidRow: 'throw' as const } : {}) };
        const fromCsv = await outcome(
          {
            sessions: { data: texts.sessions, mapping: mappings.sessions, decimalComma },
            lines: { data: texts.lines, mapping: mappings.lines, decimalComma },
            customers: { data: texts.customers, mapping: mappings.customers, decimalComma },
          },
          options,
        );
        const fromRows = await outcome(
          {
            sessions: { data: toObjects(texts.sessions), mapping: mappings.sessions, decimalComma },
            lines: { data: lines.rows.length ? toObjects(texts.lines) : [], mapping: mappings.lines, decimalComma },
            customers: { data: customers.rows.length ? toObjects(texts.customers) : [], mapping: mappings.customers, decimalComma },
          },
          options,
        );
        // A header-only CSV is a table of 0 rows; an empty array of objects is an empty table.
        if (lines.rows.length === 0 || customers.rows.length === 0) return;
        expect(fromCsv).toEqual(fromRows);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a quoted, padded or organic-looking cell through the general parsers', async () => {
    const csv = 'order_id,client,session_start,payment_amount,promotion_id\n' + '" o1 ",c1,"2024-01-01 10:00",12.5,None\n' + 'o2, c2 ,2024-01-02,"7",N/A\n' + 'o3,c3,2024-01-03,1e1,"SPRING"\n';
    const { dataset, report } = await importDataset({ sessions: { data: csv, mapping: { promotion_id: 'promotion_id' } } });
    expect(report.sessions.rowsUsed).toBe(3);
    const s = plain(dataset).sessions;
    expect(s.order_id).toEqual(['o1', 'o2', 'o3']);
    expect(s.client).toEqual(['c1', 'c2', 'c3']);
    expect(s.payment_amount).toEqual([12.5, 7, 10]);
    expect(s.promotion_id).toEqual([null, null, 'SPRING']);
  });

  it('shares the order ids of sessions with lines.order_id (codes are the order rows)', async () => {
    const { dataset } = await importDataset({
      sessions: { data: 'order_id,client,session_start,payment_amount\nA,c1,2024-01-01,1\nB,c1,2024-01-02,2\nC,c2,2024-01-03,3\n' },
      lines: { data: 'order_id,product,price\nC,p,1\nA,p,1\nA,q,2\nZ,p,1\n' },
    });
    const lines = dataset.lines!;
    const orderId = lines.columns.order_id;
    const order = lines.columns.order;
    if (orderId.type !== 'string' || order.type !== 'ref') throw new Error('types');
    expect(Array.from(order.rows)).toEqual([2, 0, 0]);
    expect(Array.from(orderId.codes)).toEqual([2, 0, 0]);
    expect(orderId.dictionary).toBe((dataset.sessions.columns.order_id as { dictionary: readonly string[] }).dictionary);
    // One array, not a copy (12 MB at 3M lines); the engine's transfer list holds each buffer once (binary-input.ts).
    expect(orderId.codes).toBe(order.rows);
  });
});
