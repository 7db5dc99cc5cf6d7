import { NO_FILTER, type Dataset, type Filter, type Predicate, type QueryResult, type Row, type TimeOptions } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset, times, type SessionSpec } from '../helpers.js';

/** Runs analysis `name` with `params` under an `and` filter of `predicates`. */
export function run(dataset: Dataset, name: string, params: Record<string, unknown> = {}, predicates: readonly Predicate[] = []): QueryResult {
  const filter: Filter = predicates.length ? { mode: 'and', predicates } : NO_FILTER;
  return runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter });
}

/** orders, buyers and revenue of the plain aggregate under an `and` filter of `predicates`. */
export function totalsUnder(dataset: Dataset, predicates: readonly Predicate[]): { orders: number; buyers: number; revenue: number } {
  const row = runQuery(dataset, { spec: { kind: 'aggregate', measures: ['orders', 'buyers', 'revenue'] }, filter: { mode: 'and', predicates } }).rows[0];
  return { orders: Number(row?.orders ?? 0), buyers: Number(row?.buyers ?? 0), revenue: Number(row?.revenue ?? 0) };
}

/** Rows reduced to the listed fields (for compact expectations). */
export function pick(rows: readonly Row[], fields: readonly string[]): Row[] {
  return rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));
}

/**
 * The order-gap shop (UTC, weeks from Monday). 2024-03-01 is a Friday; the week of
 * 2024-02-26 (Mon) covers 02-26 .. 03-03.
 *
 * | client | gender | download         | orders (time UTC, channel, payment)                                                   |
 * | a      | f      | 03-01 08:00      | 03-01 10:00 web 10, 03-01 18:00 web 20, 03-03 09:00 app 30, 03-20 09:00 web 40, 04-02 09:00 web 50 |
 * | b      | m      | 03-01 20:00      | 03-02 09:00 app 15, 03-25 10:00 web 25                                                 |
 * | c      | f      | 03-02 10:00      | 03-02 11:00 web 12 (one order)                                                         |
 * | d      | m      | 03-02 12:00      | 03-05 10:00 web 8, 03-06 10:00 web 9, 03-07 10:00 web 11, 03-08 10:00 web 13           |
 * | e      | f      | 03-05 09:00      | 03-04 10:00 app 5 (ordered the day BEFORE the download date)                           |
 * | f      | f      | 03-01 09:00      | none, no sessions at all                                                               |
 * | g      | m      | 03-02 09:00      | a visit on 03-03 10:00 without purchase                                                |
 */
export function gapShop(options: { downloads?: boolean; customers?: boolean } = {}): Dataset {
  const order = (id: string, client: string, start: string, dimension: string, payment: number): SessionSpec => ({ id, client, start: `2024-${start}:00Z`, dimension, payment });
  const sessions: SessionSpec[] = [
    order('a1', 'a', '03-01T10:00', 'web', 10),
    order('b1', 'b', '03-02T09:00', 'app', 15),
    order('a2', 'a', '03-01T18:00', 'web', 20),
    order('c1', 'c', '03-02T11:00', 'web', 12),
    order('a3', 'a', '03-03T09:00', 'app', 30),
    { id: 'g0', client: 'g', start: '2024-03-03T10:00:00Z', purchased: false, dimension: 'web' },
    order('e1', 'e', '03-04T10:00', 'app', 5),
    order('d1', 'd', '03-05T10:00', 'web', 8),
    order('d2', 'd', '03-06T10:00', 'web', 9),
    order('d3', 'd', '03-07T10:00', 'web', 11),
    order('d4', 'd', '03-08T10:00', 'web', 13),
    order('a4', 'a', '03-20T09:00', 'web', 40),
    order('b2', 'b', '03-25T10:00', 'web', 25),
    order('a5', 'a', '04-02T09:00', 'web', 50),
  ];
  const people: [string, string, string][] = [
    ['a', 'f', '03-01T08:00'],
    ['b', 'm', '03-01T20:00'],
    ['c', 'f', '03-02T10:00'],
    ['d', 'm', '03-02T12:00'],
    ['e', 'f', '03-05T09:00'],
    ['f', 'f', '03-01T09:00'],
    ['g', 'm', '03-02T09:00'],
  ];
  const dataset = buildDataset({ sessions, customers: options.customers === false ? undefined : people.map(([client, gender]) => ({ client, gender })) });
  if (!dataset.customers || options.downloads === false) return dataset;
  const customers = dataset.customers;
  return {
    ...dataset,
    customers: { ...customers, columns: { ...customers.columns, download_date: times(people.map(([, , d]) => `2024-${d}:00Z`)) } },
  };
}

/**
 * The retention shop. Times UTC; Berlin is UTC+1 until 2024-03-31 01:00 UTC, then UTC+2.
 *
 * | client | orders (time UTC, channel, payment)                                          |
 * | p      | 2024-01-15 12:00 web 100, 2024-01-20 12:00 app 50, 2024-03-10 12:00 web 30   |
 * | q      | 2024-01-31 23:00 app 40 (02-01 00:00 in Berlin), 2024-02-01 01:00 web 60      |
 * | r      | 2024-02-10 12:00 web 20 (one order)                                          |
 * | s      | 2024-02-29 12:00 app 70, 2024-03-31 22:30 web 10 (04-01 00:30 in Berlin)       |
 * | v      | a visit on 2024-01-10 12:00, no purchase                                      |
 */
export function retentionShop(time?: Partial<TimeOptions>): Dataset {
  const o = (id: string, client: string, start: string, dimension: string, payment: number): SessionSpec => ({ id, client, start: `${start}:00Z`, dimension, payment });
  return buildDataset({
    time,
    sessions: [
      { id: 'v0', client: 'v', start: '2024-01-10T12:00:00Z', purchased: false, dimension: 'web' },
      o('p1', 'p', '2024-01-15T12:00', 'web', 100),
      o('p2', 'p', '2024-01-20T12:00', 'app', 50),
      o('q1', 'q', '2024-01-31T23:00', 'app', 40),
      o('q2', 'q', '2024-02-01T01:00', 'web', 60),
      o('r1', 'r', '2024-02-10T12:00', 'web', 20),
      o('s1', 's', '2024-02-29T12:00', 'app', 70),
      o('p3', 'p', '2024-03-10T12:00', 'web', 30),
      o('s2', 's', '2024-03-31T22:30', 'web', 10),
    ],
  });
}

/**
 * Weeks across a year end. 2024-12-30 is a Monday, 2024-12-29 a Sunday.
 *
 * | client | orders (UTC, payment)                                                          |
 * | x      | 2024-12-31 (Tue) 10:00 10, 2025-01-05 (Sun) 10:00 20, 2025-01-06 (Mon) 10:00 30 |
 * | y      | 2025-01-02 (Thu) 10:00 40, 2025-01-20 (Mon) 10:00 50                            |
 * | z      | 2025-01-07 (Tue) 12:00 60                                                       |
 */
export function yearEndShop(weekStart: number): Dataset {
  const o = (id: string, client: string, start: string, payment: number): SessionSpec => ({ id, client, start: `${start}:00Z`, payment });
  return buildDataset({
    time: { weekStart },
    sessions: [
      o('x1', 'x', '2024-12-31T10:00', 10),
      o('x2', 'x', '2025-01-05T10:00', 20),
      o('x3', 'x', '2025-01-06T10:00', 30),
      o('y1', 'y', '2025-01-02T10:00', 40),
      o('y2', 'y', '2025-01-20T10:00', 50),
      o('z1', 'z', '2025-01-07T12:00', 60),
    ],
  });
}

/** Epoch ms of an ISO instant (UTC unless it says otherwise). */
export const ms = (iso: string): number => Date.parse(iso);
