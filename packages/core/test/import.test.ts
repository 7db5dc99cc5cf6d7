import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { importDataset, PAYMENT_WITHOUT_PURCHASE, type ImportInput } from '../src/import.js';
import { MAX_SAMPLES, type ImportReport, type TableReport } from '../src/report.js';
import type { Column, Table } from '../src/table.js';

// ---------------------------------------------------------------------------------------------
// Helpers that read a built table back into plain values.

function values(table: Table, name: string): unknown[] {
  const column: Column | undefined = table.columns[name];
  if (!column) throw new Error(`no column ${name}`);
  switch (column.type) {
    case 'string':
      return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]));
    case 'ref':
      return Array.from(column.rows);
    default:
      return Array.from(column.values);
  }
}

function sumRejected(report: TableReport): number {
  return Object.values(report.rejected).reduce((a, b) => a + b, 0);
}

function expectReconciled(report: ImportReport): void {
  for (const table of [report.sessions, report.customers, report.lines, report.messages, report.lineItems]) {
    if (table) expect(table.rowsIn).toBe(table.rowsUsed + sumRejected(table));
  }
}

async function dataError(promise: Promise<unknown>): Promise<ClvDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ClvDataError);
    return error as ClvDataError;
  }
  throw new Error('expected a ClvDataError');
}

const utc = (iso: string) => Date.parse(`${iso.replace(' ', 'T')}:00Z`);

// ---------------------------------------------------------------------------------------------
// The hand-made fixture. Every bad row is annotated with the reason it must be counted under.

const CUSTOMERS_CSV = [
  'client,download_date,signup_date,gender',
  'c1,2024-01-01,2024-01-02,f', //  ok                      -> customers row 0
  'c2,2024-01-03,,m', //            ok                      -> customers row 1
  'c3,,2024-01-05,f', //            required (download_date)
  'c1,2024-02-01,,f', //            duplicate (client c1)
  'c4,2024-13-01,,x', //            date (month 13)
  'c5,2024-01-06', //               parse (ragged: 2 fields of 4)
].join('\n');
// customers: 6 in, 2 used, rejected: required 1, duplicate 1, date 1, parse 1 (2 + 4 = 6)

const SESSIONS_CSV = [
  'order_id,client,session_start,has_purchased,payment_amount,discount_amount,promotion_id,dimension',
  'o1,c1,2024-01-10 10:00,true,100,5,P1,web', //   ok                                -> row 0
  'o2,c1,2024-01-11 11:00,false,0,,None,app', //   ok, no purchase                   -> row 1
  'o3,c2,2024-01-12 12:00,1,50.5,0,-,web', //      ok                                -> row 2
  'o4,c2,2024-01-12 13:00,0,20,,,app', //          ok, payment 20 repaired to 0      -> row 3
  'o5,c9,2024-01-13 09:00,yes,30,,,web', //        ok, c9 not a customer (warning)   -> row 4
  'o1,c2,2024-01-14 10:00,true,10,,,web', //       duplicate (o1)
  'o6,,2024-01-14 10:00,true,10,,,web', //         required (client)
  'o7,c1,not a date,true,10,,,web', //             date
  'o8,c1,2024-01-15 10:00,maybe,10,,,web', //      boolean
  'o9,c1,2024-01-15 10:00,true,ten,,,web', //      number
  'o10,c1,2024-01-15 10:00,true,-5,,,web', //      negative (payment of an order)
  'o11,c1,2024-01-15 10:00,true,NaN,,,web', //     non-finite
  'o12,c1,2024-01-15 10:00,true,,,,web', //        required (an order needs a payment)
  'o13,c1,2024-01-15 10:00,false,,,,web', //       ok, no purchase, empty payment = 0 -> row 5
  'o14,c1,2024-01-15 10:00,true,10,-1,,web', //    negative (discount)
  'o15,c2,"2024-01-16 10:00",true,"1,5",,,web', // number (decimal comma not enabled)
  'o16,c2,2024-01-16 10:00,true,7', //             parse (ragged)
  '"o17",c2,2024-01-17 10:00,true,"8.25",,"Spring ""24""",web', // ok              -> row 6
].join('\r\n');
// sessions: 18 in, 7 used; rejected: duplicate 1, required 2, date 1, boolean 1, number 2,
// negative 2, non-finite 1, parse 1 = 11; 7 + 11 = 18. repaired: 1 (o4).

const LINES_CSV = [
  'order_id,product,category,price,quantity',
  'o1,p1,shoes/running,40,2', //  ok
  'o1,p2,shoes,20,', //           ok, quantity defaults to 1
  'o3,p1,shoes/running,50.5,1', // ok
  'o99,p1,,10,1', //              unknown-reference (no such session)
  'o6,p1,,10,1', //               unknown-reference (its session was rejected)
  'o3,,x,1,1', //                 required (product)
  'o3,p3,x,-1,1', //              negative (price)
  'o3,p3,x,abc,1', //             number
  'o17,p4,,8.25,1', //            ok
].join('\n');
// lines: 9 in, 4 used; rejected: unknown-reference 2, required 1, negative 1, number 1 = 5.

const MESSAGES_JSON = JSON.stringify([
  { message_id: 'm1', client: 'c1', channel: 'email', campaign: 'jan', sent_at: '2024-01-05T09:00:00Z', opened_at: '2024-01-05T10:00:00Z' }, // ok
  { message_id: 'm1', client: 'c2', channel: 'email', campaign: 'jan', sent_at: '2024-01-05T09:00:00Z' }, // duplicate
  { message_id: 'm2', client: 'c7', channel: 'sms', campaign: 'jan', sent_at: '2024-01-05T09:00:00Z' }, // ok, c7 unknown (warning)
  { message_id: 'm3', client: 'c1', channel: 'push', campaign: 'jan' }, // required (sent_at)
  null, // parse (not an object)
]);
// messages: 5 in, 2 used; rejected: duplicate 1, required 1, parse 1 = 3.

const FIXTURE: ImportInput = {
  customers: { data: CUSTOMERS_CSV, mapping: { attributes: ['gender'] } },
  sessions: { data: SESSIONS_CSV },
  lines: { data: LINES_CSV },
  messages: { data: MESSAGES_JSON },
};

describe('importDataset on the hand-made fixture', () => {
  it('counts every rejected row under its reason and reconciles every table', async () => {
    const { report } = await importDataset(FIXTURE);
    expect(report.customers).toMatchObject({ rowsIn: 6, rowsUsed: 2, rejected: { required: 1, duplicate: 1, date: 1, parse: 1 }, repaired: {} });
    expect(report.sessions).toMatchObject({
      rowsIn: 18,
      rowsUsed: 7,
      rejected: { duplicate: 1, required: 2, date: 1, boolean: 1, number: 2, negative: 2, 'non-finite': 1, parse: 1 },
      repaired: { [PAYMENT_WITHOUT_PURCHASE]: 1 },
    });
    expect(report.lines).toMatchObject({ rowsIn: 9, rowsUsed: 4, rejected: { 'unknown-reference': 2, required: 1, negative: 1, number: 1 } });
    expect(report.messages).toMatchObject({ rowsIn: 5, rowsUsed: 2, rejected: { duplicate: 1, required: 1, parse: 1 } });
    expectReconciled(report);
    expect(report.warnings).toEqual([
      { code: 'unknown-customer', table: 'sessions', count: 1, message: expect.stringContaining('1 sessions'), examples: ['c9'] },
      { code: 'unknown-customer', table: 'messages', count: 1, message: expect.stringContaining('1 messages'), examples: ['c7'] },
    ]);
  });

  it('keeps the values of the used rows', async () => {
    const { dataset } = await importDataset(FIXTURE);
    const s = dataset.sessions;
    expect(s.length).toBe(7);
    expect(values(s, 'order_id')).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o13', 'o17']);
    expect(values(s, 'client')).toEqual(['c1', 'c1', 'c2', 'c2', 'c9', 'c1', 'c2']);
    expect(values(s, 'session_start')).toEqual(['2024-01-10 10:00', '2024-01-11 11:00', '2024-01-12 12:00', '2024-01-12 13:00', '2024-01-13 09:00', '2024-01-15 10:00', '2024-01-17 10:00'].map(utc));
    expect(values(s, 'has_purchased')).toEqual([1, 0, 1, 0, 1, 0, 1]);
    // o4's payment of 20 was repaired to 0; o13's empty payment is 0.
    expect(values(s, 'payment_amount')).toEqual([100, 0, 50.5, 0, 30, 0, 8.25]);
    expect(values(s, 'discount_amount')).toEqual([5, 0, 0, 0, 0, 0, 0]);
    expect(values(s, 'promotion_id')).toEqual(['P1', null, null, null, null, null, 'Spring "24"']);
    expect(values(s, 'dimension')).toEqual(['web', 'app', 'web', 'app', 'web', 'web', 'web']);
    // c1 -> customers row 0, c2 -> row 1, c9 is unknown.
    expect(values(s, 'customer')).toEqual([0, 0, 1, 1, -1, 0, 1]);
    expect(s.columns.customer).toMatchObject({ type: 'ref', table: 'customers' });
    expect(dataset.ordersOnly).toBe(false);

    const c = dataset.customers!;
    expect(values(c, 'client')).toEqual(['c1', 'c2']);
    expect(values(c, 'download_date')).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)]);
    expect(values(c, 'signup_date')).toEqual([Date.UTC(2024, 0, 2), NaN]);
    expect(values(c, 'gender')).toEqual(['f', 'm']);

    const l = dataset.lines!;
    expect(values(l, 'order_id')).toEqual(['o1', 'o1', 'o3', 'o17']);
    // o1 is sessions row 0, o3 row 2, o17 row 6.
    expect(values(l, 'order')).toEqual([0, 0, 2, 6]);
    expect(l.columns.order).toMatchObject({ type: 'ref', table: 'sessions' });
    expect(values(l, 'product')).toEqual(['p1', 'p2', 'p1', 'p4']);
    expect(values(l, 'category')).toEqual(['shoes/running', 'shoes', 'shoes/running', null]);
    expect(values(l, 'price')).toEqual([40, 20, 50.5, 8.25]);
    expect(values(l, 'quantity')).toEqual([2, 1, 1, 1]);

    const m = dataset.messages!;
    expect(values(m, 'message_id')).toEqual(['m1', 'm2']);
    expect(values(m, 'opened_at')).toEqual([Date.UTC(2024, 0, 5, 10), NaN]);
  });

  it('locates each problem by table, field, host column, data row and CSV line', async () => {
    const { report } = await importDataset(FIXTURE);
    const samples = report.sessions.samples;
    expect(samples).toHaveLength(11);
    const byRule = (rule: string) => samples.filter((e) => e.rule === rule).map((e) => e.location);
    // Data row 6 (o1 again) is on line 7: the header is line 1.
    expect(byRule('duplicate')).toEqual([{ table: 'sessions', field: 'order_id', column: 'order_id', row: 6, line: 7 }]);
    expect(byRule('date')).toEqual([{ table: 'sessions', field: 'session_start', column: 'session_start', row: 8, line: 9 }]);
    expect(byRule('negative')).toEqual([
      { table: 'sessions', field: 'payment_amount', column: 'payment_amount', row: 11, line: 12 },
      { table: 'sessions', field: 'discount_amount', column: 'discount_amount', row: 15, line: 16 },
    ]);
    expect(byRule('parse')).toEqual([{ table: 'sessions', row: 17, line: 18 }]);
    const nonFinite = samples.find((e) => e.rule === 'non-finite')!;
    expect(nonFinite.value).toBe('NaN');
    expect(nonFinite.message).toBe('sessions.payment_amount, row 12, line 13: not a finite number');
    // Samples are plain data and revive as errors.
    const revived = ClvDataError.fromJSON(JSON.parse(JSON.stringify(samples[0])));
    expect(revived).toBeInstanceOf(ClvDataError);
    expect(revived.rule).toBe(samples[0].rule);
  });

  it('throws the first invalid row with onInvalidRow "throw"', async () => {
    const error = await dataError(importDataset(FIXTURE, { onInvalidRow: 'throw' }));
    // Customers are imported first: c3 (row 3) lacks its download date.
    expect(error.rule).toBe('required');
    expect(error.location).toEqual({ table: 'customers', field: 'download_date', column: 'download_date', row: 3, line: 4 });
    const sessionsOnly = await dataError(importDataset({ sessions: FIXTURE.sessions }, { onInvalidRow: 'throw' }));
    expect(sessionsOnly.location).toEqual({ table: 'sessions', field: 'order_id', column: 'order_id', row: 6, line: 7 });
    expect(sessionsOnly.rule).toBe('duplicate');
  });

  it('gives the same result from a Blob, from text chunks and from JSON', async () => {
    const reference = await importDataset(FIXTURE);
    const chunked = await importDataset({
      customers: { data: new Blob([CUSTOMERS_CSV], { type: 'text/csv' }), mapping: { attributes: ['gender'] } },
      sessions: { data: [...SESSIONS_CSV] }, // an array of 1-character strings is text in chunks
      lines: { data: (async function* () { yield LINES_CSV.slice(0, 17); yield LINES_CSV.slice(17); })() },
      messages: { data: new Blob([MESSAGES_JSON], { type: 'application/json' }) },
    });
    expect(chunked.report).toEqual(reference.report);
    expect(chunked.dataset).toEqual(reference.dataset);
  });
});

// ---------------------------------------------------------------------------------------------

const order = (id: string, extra: Record<string, unknown> = {}) => ({ order_id: id, client: 'c', session_start: '2024-05-01T12:00:00Z', payment_amount: 10, ...extra });

describe('importDataset rules', () => {
  it('treats every row as an order when has_purchased is absent (ordersOnly)', async () => {
    const { dataset, report } = await importDataset({
      sessions: { data: [order('1'), order('2', { payment_amount: -3 }), order('3', { payment_amount: '' }), order('4', { payment_amount: 0 })] },
    });
    expect(dataset.ordersOnly).toBe(true);
    expect(values(dataset.sessions, 'has_purchased')).toEqual([1, 1]);
    expect(values(dataset.sessions, 'payment_amount')).toEqual([10, 0]);
    expect(report.sessions).toMatchObject({ rowsIn: 4, rowsUsed: 2, rejected: { negative: 1, required: 1 } });
  });

  it('rejects later duplicates of an order_id, keeping the first', async () => {
    const { dataset, report } = await importDataset({ sessions: { data: [order('A', { client: 'x' }), order('B'), order('A', { client: 'y' }), order(' A ')] } });
    expect(values(dataset.sessions, 'order_id')).toEqual(['A', 'B']);
    expect(values(dataset.sessions, 'client')).toEqual(['x', 'c']);
    // ' A ' is trimmed, so it is a duplicate too.
    expect(report.sessions.rejected).toEqual({ duplicate: 2 });
  });

  it('rejects duplicate customers and keeps the first row of each', async () => {
    const { dataset, report } = await importDataset({
      sessions: { data: [order('1', { client: 'b' })] },
      customers: { data: [{ client: 'a', download_date: '2024-01-01' }, { client: 'b', download_date: '2024-01-02' }, { client: 'a', download_date: '2024-03-03' }] },
    });
    expect(values(dataset.customers!, 'download_date')).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(report.customers!.rejected).toEqual({ duplicate: 1 });
    expect(values(dataset.sessions, 'customer')).toEqual([1]);
    expect(report.warnings).toEqual([]);
  });

  it('rejects basket lines of unknown or rejected orders', async () => {
    const { dataset, report } = await importDataset({
      sessions: { data: [order('1'), order('2', { payment_amount: 'x' })] },
      lines: { data: [{ order_id: '1', product: 'p', price: 2 }, { order_id: '2', product: 'p', price: 2 }, { order_id: 3, product: 'p', price: 2 }, { order_id: 1, product: 'q', price: '3', quantity: '4' }] },
    });
    expect(report.lines).toMatchObject({ rowsIn: 4, rowsUsed: 2, rejected: { 'unknown-reference': 2 } });
    expect(values(dataset.lines!, 'order')).toEqual([0, 0]);
    expect(values(dataset.lines!, 'quantity')).toEqual([1, 4]);
  });

  it('keeps sessions of clients missing from customers, with ref -1 and a warning', async () => {
    const { dataset, report } = await importDataset({
      sessions: { data: [order('1', { client: 'known' }), order('2', { client: 'ghost' }), order('3', { client: 'ghost' }), order('4', { client: 'other' })] },
      customers: { data: [{ client: 'known', download_date: '2024-01-01' }] },
    });
    expect(values(dataset.sessions, 'customer')).toEqual([0, -1, -1, -1]);
    expect(report.sessions.rowsUsed).toBe(4);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'unknown-customer', table: 'sessions', count: 3, examples: ['ghost', 'other'] })]);
  });

  it('has no customer reference column without a customers table', async () => {
    const { dataset } = await importDataset({ sessions: { data: [order('1')] } });
    expect(dataset.sessions.columns.customer).toBeUndefined();
    expect(dataset.customers).toBeUndefined();
  });

  it('reads wall-clock times in the configured time zone and records the time options', async () => {
    const { dataset } = await importDataset(
      { sessions: { data: [order('1', { session_start: '2024-07-01 00:30' }), order('2', { session_start: new Date(Date.UTC(2024, 0, 1)) }), order('3', { session_start: 1_700_000_000_000 })] } },
      { timeZone: 'Europe/Berlin', weekStart: 0 },
    );
    // 00:30 CEST (UTC+2) is 22:30 UTC the day before.
    expect(values(dataset.sessions, 'session_start')).toEqual([Date.UTC(2024, 5, 30, 22, 30), Date.UTC(2024, 0, 1), 1_700_000_000_000]);
    expect(dataset.time).toEqual({ timeZone: 'Europe/Berlin', weekStart: 0 });
  });

  it('validates options', async () => {
    await expect(importDataset({ sessions: { data: [order('1')] } }, { timeZone: 'Mars/Olympus' })).rejects.toThrow(RangeError);
    await expect(importDataset({ sessions: { data: [order('1')] } }, { weekStart: 7 })).rejects.toThrow(/weekStart/);
    await expect(importDataset({ sessions: { data: [order('1')] } }, { onInvalidRow: 'ignore' as 'skip' })).rejects.toThrow(/onInvalidRow/);
  });

  it('reads decimal commas when the source says so', async () => {
    const { dataset } = await importDataset({ sessions: { data: 'order_id;client;session_start;payment_amount\n1;a;2024-01-01;1.234,50\n2;a;2024-01-01;0,99', decimalComma: true } });
    expect(values(dataset.sessions, 'payment_amount')).toEqual([1234.5, 0.99]);
  });

  it('treats an empty flag cell as false and rejects an unreadable one', async () => {
    const { dataset, report } = await importDataset({
      sessions: { data: [order('1', { has_purchased: '', payment_amount: '' }), order('2', { has_purchased: 'T' }), order('3', { has_purchased: 'ja' })], mapping: { has_purchased: 'has_purchased' } },
    });
    expect(values(dataset.sessions, 'has_purchased')).toEqual([0, 1]);
    expect(report.sessions.rejected).toEqual({ boolean: 1 });
  });

  it('checks the required rule before types, and types before signs', async () => {
    // Row 1: client empty AND payment text -> required. Row 2: payment text AND discount negative -> number.
    const { report } = await importDataset({
      sessions: { data: [order('1', { client: '', payment_amount: 'x' }), order('2', { payment_amount: 'x', discount_amount: -1 })] },
    });
    expect(report.sessions.rejected).toEqual({ required: 1, number: 1 });
  });

  it('rejects rows that are not objects and values of the wrong shape', async () => {
    const { report } = await importDataset({ sessions: { data: [order('1'), 42 as unknown as Record<string, unknown>, order('2', { client: { id: 1 } }), order('3', { session_start: [2024] })] } });
    expect(report.sessions.rejected).toEqual({ parse: 1, type: 1, date: 1 });
  });

  it('keeps at most MAX_SAMPLES samples but counts every problem', async () => {
    const rows = Array.from({ length: 45 }, (_, i) => order(String(i), { payment_amount: i < 30 ? 'bad' : 1 }));
    const { report } = await importDataset({ sessions: { data: rows } });
    expect(report.sessions.rejected).toEqual({ number: 30 });
    expect(report.sessions.samples).toHaveLength(MAX_SAMPLES);
    expect(report.sessions.samples.map((s) => s.location.row)).toEqual(Array.from({ length: MAX_SAMPLES }, (_, i) => i + 1));
  });

  it('builds trimmed typed-array columns (no spare capacity, transferable)', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => order(String(i), { dimension: `d${i % 3}` }));
    const { dataset } = await importDataset({ sessions: { data: rows } });
    const payment = dataset.sessions.columns.payment_amount;
    const dimension = dataset.sessions.columns.dimension;
    expect(payment.type === 'number' && payment.values.buffer.byteLength).toBe(1500 * 8);
    expect(dimension.type === 'string' && dimension.codes.length).toBe(1500);
    expect(dimension.type === 'string' && dimension.dictionary).toEqual(['d0', 'd1', 'd2']);
    expect(structuredClone(dataset)).toEqual(dataset);
  });
});

describe('importDataset inputs', () => {
  const csv = 'order_id,client,session_start,payment_amount\n1,a,2024-01-01,5\n2,b,2024-01-02,7\n';

  it('reads JSON text as an array or as {rows: [...]}', async () => {
    const rows = [order('1'), order('2')];
    for (const data of [JSON.stringify(rows), JSON.stringify({ rows }), `  \n${JSON.stringify(rows)}`]) {
      const { dataset } = await importDataset({ sessions: { data } });
      expect(values(dataset.sessions, 'order_id')).toEqual(['1', '2']);
    }
    const bad = await dataError(importDataset({ sessions: { data: '[{"order_id": 1,' } }));
    expect(bad.rule).toBe('parse');
    const wrongShape = await dataError(importDataset({ sessions: { data: '{"data": []}', format: 'json' } }));
    expect(wrongShape.rule).toBe('parse');
  });

  it('reads sync and async iterables of objects', async () => {
    function* gen() {
      yield order('1');
      yield order('2');
    }
    async function* agen() {
      yield order('1');
      yield order('2');
    }
    for (const data of [gen(), agen(), new Set([order('1'), order('2')])]) {
      const { dataset } = await importDataset({ sessions: { data } });
      expect(values(dataset.sessions, 'order_id')).toEqual(['1', '2']);
    }
  });

  it('reads more rows than one batch from an iterable', async () => {
    function* many() {
      for (let i = 0; i < 10_000; i++) yield order(String(i), { payment_amount: i });
    }
    const { dataset, report } = await importDataset({ sessions: { data: many() } });
    expect(dataset.sessions.length).toBe(10_000);
    const payments = values(dataset.sessions, 'payment_amount') as number[];
    // 0 + 1 + ... + 9999 = 9999 * 10000 / 2
    expect(payments.reduce((a, b) => a + b, 0)).toBe(49_995_000);
    expect(report.sessions.rowsIn).toBe(10_000);
  });

  it('reads a CSV Blob by its content when it has no type', async () => {
    const { dataset } = await importDataset({ sessions: { data: new Blob([csv]) } });
    expect(values(dataset.sessions, 'payment_amount')).toEqual([5, 7]);
  });

  it('rejects a format that does not fit the data', async () => {
    expect((await dataError(importDataset({ sessions: { data: [order('1')], format: 'csv' } }))).rule).toBe('mapping');
    expect((await dataError(importDataset({ sessions: { data: csv, format: 'rows' } }))).rule).toBe('mapping');
    expect((await dataError(importDataset({ sessions: { data: 42 as unknown as string } }))).rule).toBe('mapping');
  });

  it('throws empty-input for empty sessions and imports a header-only CSV as zero rows', async () => {
    for (const data of ['', '\n', []]) {
      const error = await dataError(importDataset({ sessions: { data } }));
      expect(error.rule).toBe('empty-input');
      expect(error.location.table).toBe('sessions');
    }
    const { dataset, report } = await importDataset({ sessions: { data: 'order_id,client,session_start,payment_amount\n' } });
    expect(dataset.sessions.length).toBe(0);
    expect(report.sessions).toEqual({ rowsIn: 0, rowsUsed: 0, rejected: {}, repaired: {}, samples: [] });
    // A header-only CSV is still checked against the mapping.
    expect((await dataError(importDataset({ sessions: { data: 'order_id,client\n' } }))).rule).toBe('missing-column');
  });

  it('imports without an optional table given empty, with a warning', async () => {
    const { dataset, report } = await importDataset({ sessions: { data: csv }, customers: { data: '' }, lines: { data: [] } });
    expect(dataset.customers).toBeUndefined();
    expect(dataset.lines).toBeUndefined();
    expect(report.customers).toEqual({ rowsIn: 0, rowsUsed: 0, rejected: {}, repaired: {}, samples: [] });
    expect(report.warnings.map((w) => `${w.code}:${w.table}`)).toEqual(['empty-table:customers', 'empty-table:lines']);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(importDataset({ sessions: { data: csv } }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const later = new AbortController();
    async function* slow() {
      for (let i = 0; i < 100_000; i++) {
        if (i === 5000) later.abort();
        yield order(String(i));
      }
    }
    await expect(importDataset({ sessions: { data: slow() } }, { signal: later.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
