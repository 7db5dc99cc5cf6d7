import { isIn, NO_FILTER, type Dataset, type Filter, type Predicate, type Row } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset } from '../helpers.js';

/** Runs a registered analysis on `dataset` under `filter`. */
export function run(dataset: Dataset, name: string, params: Record<string, unknown> = {}, filter: Filter = NO_FILTER): { rows: Row[]; meta: Record<string, unknown> } {
  const result = runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter });
  return { rows: result.rows, meta: (result.meta ?? {}) as Record<string, unknown> };
}

/** An `and` filter of the predicates. */
export const and = (...predicates: Predicate[]): Filter => ({ mode: 'and', predicates });

/** The same dataset without one sessions column (a host that did not map it). */
export function withoutSessionColumn(dataset: Dataset, column: string): Dataset {
  const columns = { ...dataset.sessions.columns };
  delete columns[column];
  return { ...dataset, sessions: { ...dataset.sessions, columns } };
}

/**
 * Five orders with baskets for the pair statistics, worked by hand in the tests:
 *
 * | order | dim | basket lines (product)      | distinct |
 * | o1    | web | A B C                       | A B C    |
 * | o2    | web | A B                         | A B      |
 * | o3    | app | A B D                       | A B D    |
 * | o4    | app | B C                         | B C      |
 * | o5    | app | A D A (A twice)             | A D      |
 * | s6    | app | A B, not purchased          | ignored  |
 * | o7    | app | no lines                    | not a basket |
 *
 * N = 5 baskets; A in o1 o2 o3 o5 (4), B in o1 o2 o3 o4 (4), C in o1 o4 (2), D in o3 o5 (2).
 * Pairs: AB o1 o2 o3 (3), AD o3 o5 (2), BC o1 o4 (2), AC o1 (1), BD o3 (1), CD none.
 */
export function basketShop(): Dataset {
  return buildDataset({
    sessions: [
      { id: 'o1', client: 'k1', start: '2024-05-01T10:00:00Z', payment: 60, dimension: 'web' },
      { id: 'o2', client: 'k2', start: '2024-05-01T11:00:00Z', payment: 30, dimension: 'web' },
      { id: 'o3', client: 'k1', start: '2024-05-02T10:00:00Z', payment: 45, dimension: 'app' },
      { id: 'o4', client: 'k3', start: '2024-05-02T12:00:00Z', payment: 35, dimension: 'app' },
      { id: 'o5', client: 'k2', start: '2024-05-03T09:00:00Z', payment: 40, dimension: 'app' },
      { id: 's6', client: 'k3', start: '2024-05-03T10:00:00Z', purchased: false, dimension: 'app' },
      { id: 'o7', client: 'k3', start: '2024-05-03T11:00:00Z', payment: 15, dimension: 'app' },
    ],
    lines: [
      { order: 'o1', product: 'A', price: 10 },
      { order: 'o1', product: 'B', price: 20 },
      { order: 'o1', product: 'C', price: 30 },
      { order: 'o2', product: 'A', price: 10 },
      { order: 'o2', product: 'B', price: 20 },
      { order: 'o3', product: 'A', price: 10 },
      { order: 'o3', product: 'B', price: 20 },
      { order: 'o3', product: 'D', price: 15 },
      { order: 'o4', product: 'B', price: 20 },
      { order: 'o4', product: 'C', price: 15 },
      { order: 'o5', product: 'A', price: 10 },
      { order: 'o5', product: 'D', price: 15 },
      { order: 'o5', product: 'A', price: 15 },
      { order: 's6', product: 'A', price: 10 },
      { order: 's6', product: 'B', price: 20 },
    ],
  });
}

/** Only the web orders (o1, o2). */
export const webOnly = and(isIn('dimension', ['web']));

/**
 * Promotions, worked by hand in the tests (UTC; Berlin is UTC+2 in May):
 *
 * | id | client | start (UTC)  | bought | pay | disc | promotion |
 * | p1 | c1     | 05-01 10:00  | yes    | 100 | 10   | SPRING    |
 * | p2 | c2     | 05-01 12:00  | yes    | 50  | 5    | SPRING    |
 * | p3 | c1     | 05-01 18:00  | yes    | 80  | 0    | (organic) |
 * | p4 | c1     | 05-02 09:00  | yes    | 60  | 6    | SPRING    |
 * | p5 | c3     | 05-02 09:30  | yes    | 40  | 8    | BF        |
 * | p6 | c3     | 05-02 20:00  | no     | 0   | 0    |           |
 * | p7 | c2     | 05-04 11:00  | yes    | 30  | 0    | (organic) |
 * | p8 | c3     | 05-04 23:30  | yes    | 20  | 2    | BF        |  (05-05 01:30 in Berlin)
 * No session on 05-03.
 */
export function promotionShop(timeZone = 'UTC'): Dataset {
  return buildDataset({
    time: { timeZone },
    sessions: [
      { id: 'p1', client: 'c1', start: '2024-05-01T10:00:00Z', payment: 100, discount: 10, promotion: 'SPRING', dimension: 'web' },
      { id: 'p2', client: 'c2', start: '2024-05-01T12:00:00Z', payment: 50, discount: 5, promotion: 'SPRING', dimension: 'app' },
      { id: 'p3', client: 'c1', start: '2024-05-01T18:00:00Z', payment: 80, dimension: 'web' },
      { id: 'p4', client: 'c1', start: '2024-05-02T09:00:00Z', payment: 60, discount: 6, promotion: 'SPRING', dimension: 'web' },
      { id: 'p5', client: 'c3', start: '2024-05-02T09:30:00Z', payment: 40, discount: 8, promotion: 'BF', dimension: 'app' },
      { id: 'p6', client: 'c3', start: '2024-05-02T20:00:00Z', purchased: false, dimension: 'app' },
      { id: 'p7', client: 'c2', start: '2024-05-04T11:00:00Z', payment: 30, dimension: 'app' },
      { id: 'p8', client: 'c3', start: '2024-05-04T23:30:00Z', payment: 20, discount: 2, promotion: 'BF', dimension: 'app' },
    ],
  });
}
