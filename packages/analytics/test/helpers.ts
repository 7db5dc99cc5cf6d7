import type { BooleanColumn, Dataset, NumberColumn, RefColumn, StringColumn, Table, TimeColumn, TimeOptions } from '@clvkit/core';

/**
 * Test datasets built by hand straight into typed arrays (no importer), from small literal
 * row lists. Strings are dictionary-encoded in first-seen order; null is code -1.
 */

export interface SessionSpec {
  id: string;
  client: string;
  /** ISO instant, e.g. "2024-03-01T09:15Z". */
  start: string;
  purchased?: boolean;
  payment?: number;
  discount?: number;
  promotion?: string | null;
  dimension?: string | null;
}

export interface LineSpec {
  order: string;
  product: string;
  category?: string | null;
  price: number;
  quantity?: number;
}

export interface CustomerSpec {
  client: string;
  gender?: string | null;
}

export interface DatasetSpec {
  sessions: SessionSpec[];
  lines?: LineSpec[];
  customers?: CustomerSpec[];
  time?: Partial<TimeOptions>;
}

export function strings(values: readonly (string | null | undefined)[]): StringColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null || v === undefined) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      index.set(v, code);
      dictionary.push(v);
    }
    return code;
  });
  return { type: 'string', codes, dictionary };
}

export function numbers(values: readonly number[]): NumberColumn {
  return { type: 'number', values: Float64Array.from(values) };
}

export function times(values: readonly (string | number)[]): TimeColumn {
  return { type: 'time', values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Date.parse(v))) };
}

export function booleans(values: readonly boolean[]): BooleanColumn {
  return { type: 'boolean', values: Uint8Array.from(values, (v) => (v ? 1 : 0)) };
}

export function refs(table: RefColumn['table'], rows: readonly number[]): RefColumn {
  return { type: 'ref', table, rows: Int32Array.from(rows) };
}

/** A dataset from literal rows; lines and customers are linked by order id and client. */
export function buildDataset(spec: DatasetSpec): Dataset {
  const s = spec.sessions;
  const customers = spec.customers;
  const customerRow = new Map(customers?.map((c, i) => [c.client, i]));
  const sessionColumns: Table['columns'] = {
    order_id: strings(s.map((r) => r.id)),
    client: strings(s.map((r) => r.client)),
    session_start: times(s.map((r) => r.start)),
    has_purchased: booleans(s.map((r) => r.purchased ?? true)),
    payment_amount: numbers(s.map((r) => r.payment ?? 0)),
    discount_amount: numbers(s.map((r) => r.discount ?? 0)),
    promotion_id: strings(s.map((r) => r.promotion ?? null)),
    dimension: strings(s.map((r) => r.dimension ?? null)),
    ...(customers ? { customer: refs('customers', s.map((r) => customerRow.get(r.client) ?? -1)) } : {}),
  };
  const dataset: { -readonly [K in keyof Dataset]: Dataset[K] } = {
    sessions: { name: 'sessions', length: s.length, columns: sessionColumns },
    sessionActions: [],
    customerActions: [],
    ordersOnly: false,
    time: { timeZone: spec.time?.timeZone ?? 'UTC', weekStart: spec.time?.weekStart ?? 1 },
  };
  if (spec.lines) {
    const l = spec.lines;
    const orderRow = new Map(s.map((r, i) => [r.id, i]));
    dataset.lines = {
      name: 'lines',
      length: l.length,
      columns: {
        order: refs('sessions', l.map((r) => orderRow.get(r.order) ?? -1)),
        order_id: strings(l.map((r) => r.order)),
        product: strings(l.map((r) => r.product)),
        category: strings(l.map((r) => r.category ?? null)),
        price: numbers(l.map((r) => r.price)),
        quantity: numbers(l.map((r) => r.quantity ?? 1)),
      },
    };
  }
  if (customers) {
    dataset.customers = {
      name: 'customers',
      length: customers.length,
      columns: { client: strings(customers.map((c) => c.client)), gender: strings(customers.map((c) => c.gender ?? null)) },
    };
  }
  return dataset;
}

/** Epoch ms of an ISO instant. */
export const at = (iso: string): number => Date.parse(iso);

/**
 * The hand-computed shop of the tests: 3 customers, 10 sessions over 2024-03-01..06 (UTC),
 * 3 non-purchase sessions (s2, s5, s8), 2 promoted orders (s3, s6 with P1), lines with
 * quantity > 1, an abandoned basket line on s2, and a late order (s9, 23:30Z) that is already
 * the next day in Europe/Berlin.
 *
 * | id  | client | start (UTC)       | bought | pay | disc | promo | dim | lines (product category price×qty)       |
 * | s1  | c1     | 03-01 09:15       | yes    | 100 | 0    |       | web | A shoes/running 30×2, B shirts 40×1       |
 * | s2  | c2     | 03-01 14:00       | no     | 0   | 0    |       | app | A shoes/running 30×1 (abandoned)          |
 * | s3  | c1     | 03-02 10:30       | yes    | 50  | 5    | P1    | web | C shoes/boots 55×1                        |
 * | s4  | c3     | 03-03 09:45       | yes    | 80  | 0    |       | app | B shirts 40×2                             |
 * | s5  | c2     | 03-03 20:00       | no     | 0   | 0    |       | web |                                           |
 * | s6  | c2     | 03-04 09:05       | yes    | 120 | 10   | P1    | app | A shoes/running 30×2, C shoes/boots 65×1  |
 * | s7  | c1     | 03-04 11:00       | yes    | 60  | 0    |       | web | B shirts 20×3                             |
 * | s8  | c3     | 03-05 09:30       | no     | 0   | 0    |       | web |                                           |
 * | s9  | c3     | 03-05 23:30       | yes    | 40  | 0    |       | app | A shoes/running 40×1                      |
 * | s10 | c1     | 03-06 08:00       | yes    | 30  | 0    |       | web | D socks 10×3                              |
 * customers: c1 f, c2 m, c3 f.
 */
export function shop(time?: Partial<TimeOptions>, options: { lines?: boolean; customers?: boolean } = {}): Dataset {
  return buildDataset({
    time,
    sessions: [
      { id: 's1', client: 'c1', start: '2024-03-01T09:15:00Z', payment: 100, dimension: 'web' },
      { id: 's2', client: 'c2', start: '2024-03-01T14:00:00Z', purchased: false, dimension: 'app' },
      { id: 's3', client: 'c1', start: '2024-03-02T10:30:00Z', payment: 50, discount: 5, promotion: 'P1', dimension: 'web' },
      { id: 's4', client: 'c3', start: '2024-03-03T09:45:00Z', payment: 80, dimension: 'app' },
      { id: 's5', client: 'c2', start: '2024-03-03T20:00:00Z', purchased: false, dimension: 'web' },
      { id: 's6', client: 'c2', start: '2024-03-04T09:05:00Z', payment: 120, discount: 10, promotion: 'P1', dimension: 'app' },
      { id: 's7', client: 'c1', start: '2024-03-04T11:00:00Z', payment: 60, dimension: 'web' },
      { id: 's8', client: 'c3', start: '2024-03-05T09:30:00Z', purchased: false, dimension: 'web' },
      { id: 's9', client: 'c3', start: '2024-03-05T23:30:00Z', payment: 40, dimension: 'app' },
      { id: 's10', client: 'c1', start: '2024-03-06T08:00:00Z', payment: 30, dimension: 'web' },
    ],
    lines:
      options.lines === false
        ? undefined
        : [
            { order: 's1', product: 'A', category: 'shoes/running', price: 30, quantity: 2 },
            { order: 's1', product: 'B', category: 'shirts', price: 40, quantity: 1 },
            { order: 's2', product: 'A', category: 'shoes/running', price: 30, quantity: 1 },
            { order: 's3', product: 'C', category: 'shoes/boots', price: 55, quantity: 1 },
            { order: 's4', product: 'B', category: 'shirts', price: 40, quantity: 2 },
            { order: 's6', product: 'A', category: 'shoes/running', price: 30, quantity: 2 },
            { order: 's6', product: 'C', category: 'shoes/boots', price: 65, quantity: 1 },
            { order: 's7', product: 'B', category: 'shirts', price: 20, quantity: 3 },
            { order: 's9', product: 'A', category: 'shoes/running', price: 40, quantity: 1 },
            { order: 's10', product: 'D', category: 'socks', price: 10, quantity: 3 },
          ],
    customers:
      options.customers === false
        ? undefined
        : [
            { client: 'c1', gender: 'f' },
            { client: 'c2', gender: 'm' },
            { client: 'c3', gender: 'f' },
          ],
  });
}
