import type { Dataset, Filter, Predicate, QueryResult } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset, type SessionSpec } from '../helpers.js';

/**
 * The hand-worked shop of the RFM tests (UTC, every order at 12:00Z):
 *
 * | client | orders: date (payment / discount, dimension)                              |
 * | a      | 2024-01-01 (100/0 web), 02-01 (100/0 web), 03-01 (100/25 web), 03-31 (100/0 web) |
 * | b      | 2024-03-20 (50/50 web)                                                    |
 * | c      | 2024-01-10 (30/0 web), 01-20 (30/10 app)                                  |
 * | d      | 2023-06-01 (500/0 web)                                                    |
 * | e      | 2024-02-15 (20/0 app), 03-15 (40/10 app), 03-30 (60/0 app)                |
 * | f      | a visit without an order, 2024-04-01T00:00Z: the last session_start = the as-of |
 *
 * As of 2024-04-01T00:00Z (days of 24 h):
 * | client | recency                                   | F | M (total) | M (avg) | mean gap              |
 * | a      | 03-31 12:00 -> 0.5                         | 4 | 400       | 100     | (31+29+30) / 3 = 30   |
 * | b      | 03-20 12:00 -> 11.5                        | 1 | 50        | 50      | null                  |
 * | c      | 01-20 12:00 -> 12 + 29 + 31 − 0.5 = 71.5   | 2 | 60        | 30      | 10                    |
 * | d      | 2023-06-01 12:00 -> 305 − 0.5 = 304.5      | 1 | 500       | 500     | null                  |
 * | e      | 03-30 12:00 -> 1.5                         | 3 | 120       | 40      | (14 + 30) / 2 = 22    |
 * (2023-06-01 -> 2024-04-01: 30+31+31+30+31+30+31+31+29+31 = 305 days.)
 */
export function rfmShop(): Dataset {
  const order = (id: string, client: string, day: string, payment: number, discount = 0, dimension = 'web'): SessionSpec => ({
    id,
    client,
    start: `${day}T12:00:00Z`,
    payment,
    discount,
    dimension,
  });
  return buildDataset({
    sessions: [
      order('a1', 'a', '2024-01-01', 100),
      order('a2', 'a', '2024-02-01', 100),
      order('a3', 'a', '2024-03-01', 100, 25),
      order('a4', 'a', '2024-03-31', 100),
      order('b1', 'b', '2024-03-20', 50, 50),
      order('c1', 'c', '2024-01-10', 30),
      order('c2', 'c', '2024-01-20', 30, 10, 'app'),
      order('d1', 'd', '2023-06-01', 500),
      order('e1', 'e', '2024-02-15', 20, 0, 'app'),
      order('e2', 'e', '2024-03-15', 40, 10, 'app'),
      order('e3', 'e', '2024-03-30', 60, 0, 'app'),
      { id: 'f1', client: 'f', start: '2024-04-01T00:00:00Z', purchased: false, dimension: 'web' },
    ],
  });
}

/** Runs a registered analysis through `runQuery` (registry, derived fields, params). */
export function report(dataset: Dataset, name: string, params: Record<string, unknown> = {}, predicates: Predicate[] = [], mode: Filter['mode'] = 'and'): QueryResult {
  return runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter: { mode, predicates } });
}

/** Rows keyed by client. */
export function byClient<T extends Record<string, unknown>>(rows: readonly T[]): Record<string, T> {
  return Object.fromEntries(rows.map((r) => [r.client as string, r]));
}

export const ms = (iso: string): number => Date.parse(iso);
