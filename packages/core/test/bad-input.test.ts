import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/calendar.js';
import { ClvDataError, type DataRule } from '../src/errors.js';
import { importDataset, type ImportInput, type ImportOptions, type ImportResult } from '../src/import.js';
import { importLineItems } from '../src/line-items.js';
import type { ImportReport, TableReport } from '../src/report.js';
import { expectReconciled, values } from './fixtures/bad-input/read-back.js';

/**
 * The bad-input corpus (issue 7, "Bad input"): one case per item of the list, driven
 * from one table. Each case is either a typed error (class, table, column, row, rule, and a
 * message that says how to fix it) or a report whose counts are written out by hand and must
 * reconcile exactly: rows in = rows used + Σ rejected, per table (repaired rows are used rows).
 * Expected values are hand-computed from the fixture files in fixtures/bad-input/ (or, for
 * the generated case, from the generator's own arithmetic), never read back from the importer.
 * docs/reliability/bad-input.md lists every case and how it is handled.
 */

const FIXTURES = fileURLToPath(new URL('./fixtures/bad-input/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');

const SESSIONS = ['order_id', 'client', 'session_start', 'payment_amount'] as const;
const utc = (iso: string) => Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`);

/** What a case expects of one table's report (exact: absent keys must be absent). */
interface Counts {
  rowsIn: number;
  rowsUsed: number;
  rejected?: Partial<Record<DataRule, number>>;
  repaired?: Record<string, number>;
}

/** The first rejected row, as thrown under `onInvalidRow: 'throw'` and kept as the first sample. */
interface Located {
  table: string;
  rule: DataRule;
  field?: string;
  column?: string;
  row?: number;
  line?: number;
  /** A phrase of the fix the message must contain. */
  fix: string | RegExp;
}

interface Case {
  /** The item of the list this case covers. */
  item: string;
  name: string;
  run: (options: ImportOptions) => Promise<ImportResult>;
  options?: ImportOptions;
  /** A typed error for the whole input (nothing imported). */
  error?: Located;
  /** Otherwise: the report of every table given. */
  reports?: Partial<Record<'sessions' | 'customers' | 'lines' | 'messages' | 'lineItems', Counts>>;
  /** The first rejected row (omitted when no row is rejected). */
  first?: Located;
  /** Values, repairs and warnings. */
  check?: (result: ImportResult) => void;
}

const csv = (name: string, extra: Partial<ImportInput['sessions']> = {}) => (options: ImportOptions) =>
  importDataset({ sessions: { data: fixture(name), ...extra } }, options);

/** Splits `text` into chunks of the given sizes (the last one takes the rest), as a stream would. */
async function* chunks(text: string, sizes: number[]): AsyncGenerator<string> {
  let at = 0;
  for (const size of sizes) {
    yield text.slice(at, at + size);
    at += size;
  }
  yield text.slice(at);
}

const RETAIL_MAPPING = { order_id: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity', session_start: 'InvoiceDate', price: 'UnitPrice', client: 'CustomerID' };

/** Rows of the generated case: every 10th row is broken in one of 5 ways, in turn. */
const GENERATED_ROWS = 60_000;
const BROKEN = ['ten', 'NaN', '-4', 'dup', 'ragged'] as const;
async function* generated(): AsyncGenerator<string> {
  yield 'order_id,client,session_start,payment_amount\r\n';
  let chunk = '';
  for (let i = 0; i < GENERATED_ROWS; i++) {
    const kind = i % 10 === 9 ? BROKEN[((i - 9) / 10) % BROKEN.length] : null;
    const id = kind === 'dup' ? `g${i - 1}` : `g${i}`;
    const amount = kind === 'ten' || kind === 'NaN' || kind === '-4' ? kind : String((i % 1000) / 4);
    chunk += kind === 'ragged' ? `${id},c${i % 97}\r\n` : `${id},c${i % 97},2024-0${1 + (i % 9)}-1${i % 10} 12:00,${amount}\r\n`;
    if (chunk.length > 4000) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}
const BROKEN_EACH = GENERATED_ROWS / 10 / BROKEN.length; // 1,200 rows of each kind

const CASES: Case[] = [
  // --- missing required columns -------------------------------------------------------------
  {
    item: 'missing required columns',
    name: 'a required column absent under its canonical name',
    run: csv('missing-required-column.csv'),
    error: { table: 'sessions', rule: 'missing-column', field: 'session_start', column: 'session_start', fix: 'map session_start to one of the available columns' },
  },
  {
    item: 'missing required columns',
    name: 'a mapped column that differs only in case',
    run: (o) => importDataset({ sessions: { data: fixture('header-only.csv'), mapping: { client: 'Client' } } }, o),
    error: { table: 'sessions', rule: 'missing-column', field: 'client', column: 'Client', fix: 'did you mean "client"?' },
  },
  {
    item: 'missing required columns',
    name: 'a required column of basket lines (price)',
    run: (o) => importDataset({ sessions: { data: fixture('header-only.csv') }, lines: { data: 'order_id,product,quantity\no1,p1,2\n' } }, o),
    error: { table: 'lines', rule: 'missing-column', field: 'price', column: 'price', fix: 'map price' },
  },
  {
    item: 'missing required columns',
    name: 'a mapped column that appears twice in the header (ambiguous)',
    run: csv('duplicate-header.csv'),
    error: { table: 'sessions', rule: 'mapping', field: 'client', column: 'client', fix: 'rename the repeated columns' },
  },
  // --- wrong types --------------------------------------------------------------------------
  {
    item: 'wrong types: text in amounts',
    name: 'words, currency suffixes and signs in payment and discount',
    run: csv('text-in-amounts.csv'),
    reports: { sessions: { rowsIn: 6, rowsUsed: 1, rejected: { number: 4, required: 1 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 2, line: 3, fix: 'write a plain decimal' },
    check: ({ dataset }) => expect(values(dataset.sessions, 'payment_amount')).toEqual([12.5]),
  },
  {
    item: 'wrong types: unparseable or ambiguous dates',
    name: 'day/month orders, impossible days, hour 24, words, epoch beyond the Date range',
    run: csv('dates.csv'),
    reports: { sessions: { rowsIn: 13, rowsUsed: 5, rejected: { date: 8 } } },
    first: { table: 'sessions', rule: 'date', field: 'session_start', column: 'session_start', row: 2, line: 3, fix: '03/04/2024 before importing, they are ambiguous' },
    check: ({ dataset }) => {
      expect(values(dataset.sessions, 'order_id')).toEqual(['o1', 'o6', 'o10', 'o11', 'o12']);
      expect(values(dataset.sessions, 'session_start')).toEqual([
        Date.UTC(2024, 2, 4),
        Date.UTC(2024, 1, 29, 23, 59, 59),
        Date.UTC(2024, 2, 4),
        Date.UTC(2024, 2, 4),
        Date.UTC(2024, 2, 4, 4, 30),
      ]);
    },
  },
  {
    item: 'wrong types: thousands separators and decimal commas',
    name: 'without decimalComma: "1,234.50", "12,50", "1 234", "1_234" rejected; exponent and padding read',
    run: csv('thousands-separators.csv'),
    reports: { sessions: { rowsIn: 7, rowsUsed: 3, rejected: { number: 4 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 2, line: 3, fix: 'pass decimalComma: true' },
    check: ({ dataset }) => expect(values(dataset.sessions, 'payment_amount')).toEqual([1234.5, 1000, 7.25]),
  },
  {
    item: 'wrong types: thousands separators and decimal commas',
    name: 'with decimalComma (";" detected): "12,50", "1.234,56", "1.234" read; "1,234.56" ambiguous',
    run: csv('decimal-comma.csv', { decimalComma: true }),
    reports: { sessions: { rowsIn: 7, rowsUsed: 4, rejected: { number: 3 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 5, line: 6, fix: 'without thousands separators' },
    check: ({ dataset }) => expect(values(dataset.sessions, 'payment_amount')).toEqual([12.5, 1234.56, 1234, 1.5]),
  },
  {
    item: 'wrong types: booleans spelled many ways',
    name: 'true/TRUE/t/Y/yes/1/on, false/F/no/N/0/off, empty and padded; 1.0, 2, ja, x, -1 rejected',
    run: csv('booleans.csv'),
    reports: { sessions: { rowsIn: 22, rowsUsed: 16, rejected: { boolean: 6 } } },
    first: { table: 'sessions', rule: 'boolean', field: 'has_purchased', column: 'has_purchased', row: 17, line: 18, fix: 'yes/no, t/f, y/n or on/off' },
    check: ({ dataset }) => {
      expect(values(dataset.sessions, 'has_purchased')).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
      expect(values(dataset.sessions, 'order_id').at(-1)).toBe('b16');
    },
  },
  {
    item: 'wrong types: object rows',
    name: 'objects with text amounts, booleans as numbers, objects as ids, invalid Dates, null rows',
    run: (o) =>
      importDataset(
        {
          sessions: {
            data: [
              { order_id: 'j1', client: 'c1', session_start: new Date(Date.UTC(2024, 0, 1)), payment_amount: 5 },
              { order_id: 'j2', client: 'c1', session_start: '2024-01-01', payment_amount: 'ten' },
              { order_id: 'j3', client: 'c1', session_start: '2024-01-01', payment_amount: true },
              { order_id: 'j4', client: { id: 'c1' }, session_start: '2024-01-01', payment_amount: 1 },
              { order_id: 'j5', client: 'c1', session_start: new Date(NaN), payment_amount: 1 },
              null as unknown as Record<string, unknown>, // untyped JSON from a host
              { order_id: 6, client: 17850, session_start: Date.UTC(2024, 0, 2), payment_amount: '7.5' },
            ],
          },
        },
        o,
      ),
    reports: { sessions: { rowsIn: 7, rowsUsed: 2, rejected: { number: 2, type: 1, date: 1, parse: 1 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 2, fix: 'write a plain decimal' },
    check: ({ dataset }) => {
      expect(values(dataset.sessions, 'order_id')).toEqual(['j1', '6']);
      expect(values(dataset.sessions, 'client')).toEqual(['c1', '17850']);
      expect(values(dataset.sessions, 'payment_amount')).toEqual([5, 7.5]);
    },
  },
  {
    item: 'wrong types: object rows',
    name: 'JSON text that is not valid JSON',
    run: (o) => importDataset({ sessions: { data: '[{"order_id": "o1", "client": "c1",]', format: 'json' } }, o),
    error: { table: 'sessions', rule: 'parse', fix: /not valid JSON/ },
  },
  // --- NaN, Infinity, negative and huge amounts ---------------------------------------------
  {
    item: 'NaN, Infinity, negative and huge amounts',
    name: 'NaN, ±Infinity, 1e999, inf; a negative order and discount; 1e20; MAX_SAFE_INTEGER kept; a refund on a visit repaired; -0 read as 0',
    run: csv('non-finite-negative-huge.csv'),
    reports: { sessions: { rowsIn: 12, rowsUsed: 4, rejected: { 'non-finite': 5, negative: 2, number: 1 }, repaired: { 'payment-without-purchase': 1 } } },
    first: { table: 'sessions', rule: 'non-finite', field: 'payment_amount', column: 'payment_amount', row: 1, line: 2, fix: 'not a finite number' },
    check: ({ dataset, report }) => {
      expect(values(dataset.sessions, 'order_id')).toEqual(['n8', 'n9', 'n10', 'n12']);
      const payments = values(dataset.sessions, 'payment_amount');
      expect(payments).toEqual([9_007_199_254_740_991, 123_456_789.12, 0, 0]);
      // "-0" and "-0.00" are stored as 0, not -0 (which formats as "-0").
      expect([payments[3], values(dataset.sessions, 'discount_amount')[3]].map((v) => Object.is(v, 0))).toEqual([true, true]);
      const rules = report.sessions.samples.map((s) => `${s.location.row}:${s.rule}:${s.location.field}`);
      expect(rules).toEqual(['1:non-finite:payment_amount', '2:non-finite:payment_amount', '3:non-finite:payment_amount', '4:non-finite:payment_amount', '5:negative:payment_amount', '6:negative:discount_amount', '7:number:payment_amount', '11:non-finite:payment_amount']);
      expect(report.sessions.samples[6].message).toContain('too large');
      expect(report.sessions.samples[4].hint).toMatch(/refunds are not orders/);
    },
  },
  {
    item: 'NaN, Infinity, negative and huge amounts',
    name: 'object rows: NaN, Infinity, 1e301 and an epoch of 1e20 ms',
    run: (o) =>
      importDataset(
        {
          sessions: {
            data: [
              { order_id: 'a', client: 'c', session_start: 0, payment_amount: NaN },
              { order_id: 'b', client: 'c', session_start: 0, payment_amount: -Infinity },
              { order_id: 'c', client: 'c', session_start: 0, payment_amount: 1e301 },
              { order_id: 'd', client: 'c', session_start: 1e20, payment_amount: 1 },
              { order_id: 'e', client: 'c', session_start: -1, payment_amount: 0 },
            ],
          },
        },
        o,
      ),
    reports: { sessions: { rowsIn: 5, rowsUsed: 1, rejected: { 'non-finite': 2, number: 1, date: 1 } } },
    first: { table: 'sessions', rule: 'non-finite', field: 'payment_amount', column: 'payment_amount', row: 1, fix: 'not a finite number' },
    check: ({ dataset }) => expect(values(dataset.sessions, 'session_start')).toEqual([-1]),
  },
  // --- duplicates and references ------------------------------------------------------------
  {
    item: 'duplicate order ids',
    name: 'repeats (also padded, also an exact copy) are rejected, the first kept; ids are case-sensitive',
    run: csv('duplicate-orders.csv'),
    reports: { sessions: { rowsIn: 6, rowsUsed: 3, rejected: { duplicate: 3 } } },
    first: { table: 'sessions', rule: 'duplicate', field: 'order_id', column: 'order_id', row: 3, line: 4, fix: 'give every session its own order_id' },
    check: ({ dataset }) => {
      expect(values(dataset.sessions, 'order_id')).toEqual(['o1', 'o2', 'O1']);
      expect(values(dataset.sessions, 'payment_amount')).toEqual([10, 20, 50]);
    },
  },
  {
    item: 'basket lines whose order does not exist',
    name: 'a line of an unknown order, of a rejected order, and without an order id',
    run: (o) => importDataset({ sessions: { data: fixture('orphan-lines.sessions.csv') }, lines: { data: fixture('orphan-lines.lines.csv') } }, o),
    reports: {
      sessions: { rowsIn: 3, rowsUsed: 2, rejected: { negative: 1 } },
      lines: { rowsIn: 6, rowsUsed: 3, rejected: { 'unknown-reference': 2, required: 1 } },
    },
    first: { table: 'sessions', rule: 'negative', field: 'payment_amount', column: 'payment_amount', row: 2, line: 3, fix: 'refunds are not orders' },
    check: ({ dataset, report }) => {
      expect(values(dataset.lines, 'order_id')).toEqual(['o1', 'o1', 'o3']);
      expect(values(dataset.lines, 'quantity')).toEqual([2, 1, 1]);
      expect(report.lines!.samples.map((s) => [s.rule, s.location.row, s.value])).toEqual([
        ['unknown-reference', 3, 'o9'],
        ['unknown-reference', 4, 'o2'],
        ['required', 5, ''],
      ]);
      expect(report.lines!.samples[0].hint).toMatch(/import the order in sessions too/);
    },
  },
  {
    item: 'sessions of clients missing from the customers table',
    name: 'kept with customer ref -1 and one warning; duplicate and incomplete customers rejected',
    run: (o) => importDataset({ customers: { data: fixture('unknown-customers.customers.csv') }, sessions: { data: fixture('unknown-customers.sessions.csv') } }, o),
    reports: {
      customers: { rowsIn: 4, rowsUsed: 2, rejected: { duplicate: 1, required: 1 } },
      sessions: { rowsIn: 5, rowsUsed: 5 },
    },
    first: { table: 'customers', rule: 'duplicate', field: 'client', column: 'client', row: 3, line: 4, fix: 'one row per client' },
    check: ({ dataset, report }) => {
      expect(values(dataset.sessions, 'customer')).toEqual([0, -1, -1, -1, -1]);
      expect(report.warnings).toEqual([
        { code: 'unknown-customer', table: 'sessions', count: 4, message: expect.stringContaining('missing from the customers table'), examples: ['c9', 'c8', 'c3'] },
      ]);
    },
  },
  {
    item: 'sessions of clients missing from the customers table',
    name: 'messages (JSON): to an unknown client kept with a warning; a repeated id, a d/m/y open date and no send date rejected',
    run: (o) =>
      importDataset({ customers: { data: 'client,download_date\nc1,2024-01-01\n' }, sessions: { data: fixture('header-only.csv') }, messages: { data: fixture('messages.json') } }, o),
    reports: { customers: { rowsIn: 1, rowsUsed: 1 }, sessions: { rowsIn: 0, rowsUsed: 0 }, messages: { rowsIn: 5, rowsUsed: 2, rejected: { duplicate: 1, date: 1, required: 1 } } },
    first: { table: 'messages', rule: 'duplicate', field: 'message_id', column: 'message_id', row: 2, fix: 'its own message_id' },
    check: ({ dataset, report }) => {
      expect(values(dataset.messages, 'message_id')).toEqual(['m1', 'm2']);
      expect(values(dataset.messages, 'opened_at')).toEqual([Date.UTC(2024, 0, 5, 10), NaN]);
      expect(report.warnings.map((w) => [w.code, w.table, w.count, w.examples])).toEqual([['unknown-customer', 'messages', 1, ['c7']]]);
    },
  },
  // --- dates out of the usual range ---------------------------------------------------------
  {
    item: 'future dates and dates before 1970',
    name: 'kept as the instants they name (negative epoch ms, year 1, year 2999); "-1000" is not a date',
    run: csv('future-and-pre-1970.csv'),
    reports: { sessions: { rowsIn: 6, rowsUsed: 5, rejected: { date: 1 } } },
    first: { table: 'sessions', rule: 'date', field: 'session_start', column: 'session_start', row: 5, line: 6, fix: 'write ISO-8601' },
    check: ({ dataset }) =>
      expect(values(dataset.sessions, 'session_start')).toEqual([-1000, Date.UTC(1900, 0, 1), Date.UTC(2999, 11, 31), new Date('0001-01-01T00:00:00Z').getTime(), 0]),
  },
  // --- file shapes --------------------------------------------------------------------------
  {
    item: 'empty files',
    name: 'a 0-byte sessions file',
    run: csv('empty.csv'),
    error: { table: 'sessions', rule: 'empty-input', fix: 'a CSV needs at least its header line' },
  },
  {
    item: 'empty files',
    name: 'a file of blank lines only (spaces, tabs)',
    run: csv('blank-lines.csv'),
    error: { table: 'sessions', rule: 'empty-input', fix: 'a CSV needs at least its header line' },
  },
  {
    item: 'empty files',
    name: 'a BOM and nothing else, in its own chunk',
    run: (o) => importDataset({ sessions: { data: chunks('\ufeff', []) } }, o),
    error: { table: 'sessions', rule: 'empty-input', fix: 'a CSV needs at least its header line' },
  },
  {
    item: 'empty files',
    name: 'an optional table given empty is left out with a warning',
    run: (o) => importDataset({ sessions: { data: fixture('header-only.csv') }, lines: { data: fixture('empty.csv') } }, o),
    reports: { sessions: { rowsIn: 0, rowsUsed: 0 }, lines: { rowsIn: 0, rowsUsed: 0 } },
    check: ({ dataset, report }) => {
      expect(dataset.lines).toBeUndefined();
      expect(report.warnings.map((w) => [w.code, w.table])).toEqual([['empty-table', 'lines']]);
    },
  },
  {
    item: 'file shapes: an Excel separator line',
    name: 'an Excel "sep=;" line before the header: skipped, ";" used, physical lines kept',
    run: csv('excel-sep-line.csv'),
    reports: { sessions: { rowsIn: 2, rowsUsed: 1, rejected: { number: 1 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 2, line: 4, fix: 'write a plain decimal' },
    check: ({ dataset }) => expect(values(dataset.sessions, 'client')).toEqual(['c1']),
  },
  {
    item: 'header-only files',
    name: 'a header and no rows: a valid table of 0 rows',
    run: csv('header-only.csv'),
    reports: { sessions: { rowsIn: 0, rowsUsed: 0 } },
    check: ({ dataset }) => expect(Object.keys(dataset.sessions.columns)).toEqual(expect.arrayContaining([...SESSIONS, 'has_purchased', 'discount_amount'])),
  },
  {
    item: 'a BOM',
    name: 'BOM + CRLF, the BOM alone in the first chunk and the CRLF split across chunks',
    run: (o) => importDataset({ sessions: { data: chunks(fixture('bom-crlf.csv'), [1, 45, 1]) } }, o),
    reports: { sessions: { rowsIn: 2, rowsUsed: 2 } },
    check: ({ dataset }) => {
      expect(fixture('bom-crlf.csv').charCodeAt(0)).toBe(0xfeff); // the file kept its BOM
      expect(values(dataset.sessions, 'order_id')).toEqual(['o1', 'o2']);
      expect(values(dataset.sessions, 'payment_amount')).toEqual([5, 6]);
    },
  },
  {
    item: 'CRLF',
    name: 'CRLF line ends, a CRLF inside quotes, a blank CRLF line: no \\r in any value',
    run: csv('crlf.csv'),
    reports: { sessions: { rowsIn: 3, rowsUsed: 3 } },
    check: ({ dataset }) => {
      expect(fixture('crlf.csv').split('\r\n').length).toBe(7); // the file kept its CRLFs
      expect(values(dataset.sessions, 'dimension')).toEqual(['web', 'a\r\nb', 'app']);
      expect(values(dataset.sessions, 'payment_amount')).toEqual([5, 6, 7]);
    },
  },
  {
    item: 'quoted fields with newlines',
    name: 'a newline, a delimiter and doubled quotes inside quotes; later rows keep their physical line',
    run: csv('quoted-newlines.csv'),
    reports: { sessions: { rowsIn: 4, rowsUsed: 3, rejected: { number: 1 } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 4, line: 6, fix: 'write a plain decimal' },
    check: ({ dataset }) => {
      expect(values(dataset.sessions, 'client')).toEqual(['c1', 'c,2', 'c3']);
      expect(values(dataset.sessions, 'dimension')).toEqual(['line one\nline two', 'say "hi"', 'plain']);
    },
  },
  {
    item: 'a ragged row',
    name: 'too many fields, too few, and a quote left open to the end of the file',
    run: csv('ragged.csv'),
    reports: { sessions: { rowsIn: 5, rowsUsed: 2, rejected: { parse: 3 } } },
    first: { table: 'sessions', rule: 'parse', row: 2, line: 3, fix: 'check the delimiter' },
    check: ({ dataset, report }) => {
      expect(values(dataset.sessions, 'order_id')).toEqual(['r1', 'r4']);
      expect(report.sessions.samples.map((s) => [s.location.row, s.location.line, s.message.split(': ')[1]])).toEqual([
        [2, 3, 'ragged row'],
        [3, 4, 'ragged row'],
        [5, 6, 'the file ends inside a quoted field (a quote is not closed) (check the delimiter, and quote fields that contain it, a quote (doubled) or a line break)'],
      ]);
    },
  },
  {
    item: 'a large file',
    name: '60,000 generated rows streamed in ~4 kB chunks, every 10th broken in one of 5 ways',
    run: (o) => importDataset({ sessions: { data: generated() } }, o),
    reports: { sessions: { rowsIn: GENERATED_ROWS, rowsUsed: GENERATED_ROWS - 5 * BROKEN_EACH, rejected: { number: BROKEN_EACH, 'non-finite': BROKEN_EACH, negative: BROKEN_EACH, duplicate: BROKEN_EACH, parse: BROKEN_EACH } } },
    first: { table: 'sessions', rule: 'number', field: 'payment_amount', column: 'payment_amount', row: 10, line: 11, fix: 'write a plain decimal' },
  },
  // --- time zones ---------------------------------------------------------------------------
  {
    item: 'time zone edges: DST in Europe/London',
    name: 'the spring gap moves forward, the autumn repeat is its first occurrence, 1969 was BST all year',
    run: csv('dst-europe-london.csv'),
    options: { timeZone: 'Europe/London' },
    reports: { sessions: { rowsIn: 9, rowsUsed: 9 } },
    check: ({ dataset }) => {
      const t = values(dataset.sessions, 'session_start') as number[];
      expect(t).toEqual([
        utc('2024-03-31T00:59:59'), // GMT
        utc('2024-03-31T01:30'), // 01:30 does not exist: 02:30 BST
        utc('2024-03-31T01:00'), // 02:00 BST
        utc('2024-10-26T23:59'), // BST
        utc('2024-10-27T00:30'), // 01:30 happens twice: the first (BST)
        utc('2024-10-27T02:00'), // GMT
        utc('2024-10-27T01:30'), // explicit Z: the second 01:30
        utc('2024-10-27T00:30'), // explicit +01:00
        utc('1969-12-31T22:59:59'), // British Standard Time, UTC+1, 1968-1971
      ]);
      const cal = calendarFor(dataset.time);
      expect(cal.floor(t[1], 'day')).toBe(utc('2024-03-31T00:00'));
      expect(cal.add(cal.floor(t[1], 'day'), 'day', 1)).toBe(utc('2024-03-31T23:00')); // a 23-hour day
      expect(cal.floor(t[4], 'day')).toBe(utc('2024-10-26T23:00'));
      expect(cal.add(cal.floor(t[4], 'day'), 'day', 1)).toBe(utc('2024-10-28T00:00')); // a 25-hour day
      expect([cal.hourOfDay(t[4]), cal.hourOfDay(t[6])]).toEqual([1, 1]); // both 01:30 local
      expect(cal.floor(t[4], 'hour')).not.toBe(cal.floor(t[6], 'hour')); // two separate 01:00 hours
      expect(cal.floor(t[1], 'week')).toBe(utc('2024-03-25T00:00')); // Monday, GMT
      expect(cal.add(cal.floor(t[1], 'week'), 'week', 1)).toBe(utc('2024-03-31T23:00')); // Monday, BST
    },
  },
  {
    item: 'time zone edges: DST in America/New_York',
    name: 'spring gap, autumn repeat, midnight of a fall-back day, a UTC new year still in the old year',
    run: csv('dst-america-new-york.csv'),
    options: { timeZone: 'America/New_York', weekStart: 0 },
    reports: { sessions: { rowsIn: 7, rowsUsed: 7 } },
    check: ({ dataset }) => {
      const t = values(dataset.sessions, 'session_start') as number[];
      expect(t).toEqual([
        utc('2024-03-10T06:59'), // EST
        utc('2024-03-10T07:30'), // 02:30 does not exist: 03:30 EDT (after 03:00, by design)
        utc('2024-03-10T07:00'), // EDT
        utc('2024-11-03T05:30'), // first 01:30 (EDT)
        utc('2024-11-03T07:00'), // EST
        utc('2024-11-03T04:00'), // midnight EDT
        utc('2025-01-01T02:00'), // explicit Z
      ]);
      const cal = calendarFor(dataset.time);
      expect(cal.label(t[6], 'day')).toBe('2024-12-31');
      expect(cal.floor(t[6], 'year')).toBe(utc('2024-01-01T05:00'));
      expect(cal.floor(t[6], 'week')).toBe(utc('2024-12-29T05:00')); // Sunday (weekStart 0)
    },
  },
  ...[1, 0].map(
    (weekStart): Case => ({
      item: 'time zone edges: weeks across years',
      name: `weekStart ${weekStart}: weeks of 2020/2021 and 2024/2025`,
      run: csv('weeks-across-years.csv'),
      options: { weekStart },
      reports: { sessions: { rowsIn: 7, rowsUsed: 7 } },
      check: ({ dataset }) => {
        const cal = calendarFor(dataset.time);
        const weeks = (values(dataset.sessions, 'session_start') as number[]).map((ms) => new Date(cal.floor(ms, 'week')).toISOString().slice(0, 10));
        // Hand-computed: 2020-12-31 is a Thursday, 2024-12-31 a Tuesday.
        expect(weeks).toEqual(
          weekStart === 1
            ? ['2020-12-28', '2020-12-28', '2020-12-28', '2021-01-04', '2024-12-23', '2024-12-30', '2024-12-30']
            : ['2020-12-27', '2020-12-27', '2021-01-03', '2021-01-03', '2024-12-29', '2024-12-29', '2024-12-29'],
        );
      },
    }),
  ),
  // --- line items ---------------------------------------------------------------------------
  {
    item: 'line items (Online Retail shape)',
    name: 'no client, text quantity, negative price, invoice with two clients, cancellation, negative quantity, d/m/y date',
    run: (o) => importLineItems({ data: fixture('line-items.csv'), mapping: RETAIL_MAPPING }, o),
    reports: { lineItems: { rowsIn: 9, rowsUsed: 4, rejected: { required: 1, number: 1, negative: 1, duplicate: 1, date: 1 } } },
    first: { table: 'line-items', rule: 'required', field: 'client', column: 'CustomerID', row: 3, line: 4, fix: 'fill the cell in' },
    check: ({ dataset, report }) => {
      const li = report.lineItems!;
      expect([li.orderLines, li.freeLines, li.ordersDerived, li.returns.lines, li.returns.invoices]).toEqual([2, 1, 1, 2, 2]);
      expect(li.returns.amount).toBeCloseTo(1 * 2.55 + 3 * 2, 10);
      expect(values(dataset.sessions, 'payment_amount')).toEqual([6 * 2.55]);
      expect(values(dataset.returns, 'quantity')).toEqual([-1, -3]);
    },
  },
];

function expectCounts(report: TableReport | undefined, expected: Counts): void {
  expect(report).toBeDefined();
  expect({ rowsIn: report!.rowsIn, rowsUsed: report!.rowsUsed, rejected: report!.rejected, repaired: report!.repaired }).toEqual({
    rowsIn: expected.rowsIn,
    rowsUsed: expected.rowsUsed,
    rejected: expected.rejected ?? {},
    repaired: expected.repaired ?? {},
  });
}

function expectLocated(error: unknown, expected: Located): void {
  expect(error).toBeInstanceOf(ClvDataError);
  const e = error as ClvDataError;
  expect(e.rule).toBe(expected.rule);
  expect(e.location).toEqual({
    table: expected.table,
    ...(expected.field !== undefined && { field: expected.field }),
    ...(expected.column !== undefined && { column: expected.column }),
    ...(expected.row !== undefined && { row: expected.row }),
    ...(expected.line !== undefined && { line: expected.line }),
  });
  // The message names the place and says how to fix it.
  expect(e.message.startsWith(expected.table)).toBe(true);
  if (expected.row !== undefined) expect(e.message).toContain(`row ${expected.row}`);
  if (expected.column !== undefined && expected.column !== expected.field) expect(e.message).toContain(`"${expected.column}"`);
  if (typeof expected.fix === 'string') expect(e.message).toContain(expected.fix);
  else expect(e.message).toMatch(expected.fix);
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the import to throw');
}

describe('bad input corpus (fixtures/bad-input)', () => {
  it('has one case per item of the issue list', () => {
    const items = new Set(CASES.map((c) => c.item.split(':')[0]));
    expect([...items]).toEqual(
      expect.arrayContaining(['missing required columns', 'wrong types', 'NaN, Infinity, negative and huge amounts', 'duplicate order ids', 'basket lines whose order does not exist', 'sessions of clients missing from the customers table', 'future dates and dates before 1970', 'empty files', 'header-only files', 'a BOM', 'CRLF', 'quoted fields with newlines', 'a ragged row', 'time zone edges']),
    );
    expect(CASES.length).toBe(34);
  });

  describe.each(CASES.map((c) => [`${c.item} | ${c.name}`, c] as const))('%s', (_, c) => {
    if (c.error) {
      it('throws a typed error naming table, column and rule, saying how to fix it (skip and throw modes alike)', async () => {
        expectLocated(await thrown(c.run({ ...c.options })), c.error!);
        expectLocated(await thrown(c.run({ ...c.options, onInvalidRow: 'throw' })), c.error!);
      });
      return;
    }
    it('counts every row under one reason, exactly as hand-computed, and reconciles', async () => {
      const result = await c.run({ ...c.options });
      for (const [table, counts] of Object.entries(c.reports!)) expectCounts(result.report[table as keyof ImportReport] as TableReport, counts);
      expectReconciled(result.report);
      // Every sampled problem carries its place and (but for non-finite) a how-to-fix hint.
      for (const table of [result.report.sessions, result.report.customers, result.report.lines, result.report.messages, result.report.lineItems]) {
        for (const sample of table?.samples ?? []) {
          expect(sample.location.row).toBeGreaterThan(0);
          if (sample.rule !== 'non-finite') expect(sample.hint && sample.message.endsWith(`(${sample.hint})`)).toBeTruthy();
        }
      }
      if (c.first) {
        const table = c.first.table === 'line-items' ? result.report.lineItems! : (result.report[c.first.table as 'sessions'] as TableReport);
        expectLocated(ClvDataError.fromJSON(table.samples[0]), c.first);
      }
      c.check?.(result);
    });
    it(c.first ? "with onInvalidRow: 'throw', throws the first rejected row's typed error" : "with onInvalidRow: 'throw', imports the same (nothing to reject)", async () => {
      if (c.first) {
        expectLocated(await thrown(c.run({ ...c.options, onInvalidRow: 'throw' })), c.first);
      } else {
        const result = await c.run({ ...c.options, onInvalidRow: 'throw' });
        expectReconciled(result.report);
        c.check?.(result);
      }
    });
  });
});
