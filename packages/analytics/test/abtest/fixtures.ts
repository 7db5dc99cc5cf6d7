import { NO_FILTER, type Dataset, type Filter, type Predicate, type Row } from '@clvkit/core';
import { runQueryAsync } from '../../src/index.js';
import { buildDataset, type SessionSpec } from '../helpers.js';

/** Runs a registered analysis (long or not) on `dataset` under `filter`. */
export async function run(dataset: Dataset, name: string, params: Record<string, unknown> = {}, filter: Filter = NO_FILTER): Promise<{ rows: Row[]; meta: Record<string, unknown> }> {
  const result = await runQueryAsync(dataset, { spec: { kind: 'analysis', name, params }, filter });
  return { rows: result.rows, meta: (result.meta ?? {}) as Record<string, unknown> };
}

/** An `and` filter of the predicates. */
export const and = (...predicates: Predicate[]): Filter => ({ mode: 'and', predicates });

type Order = [client: string, day: string, payment: number, promotion?: string, dimension?: string];

/**
 * The promotion shop of the A/B tests (UTC, every order at 10:00 unless the day says
 * otherwise; windows of 7 days). Data extent: z's orders 01-01 00:00 .. 02-29 12:00.
 *
 * Promotion P (first uses):
 * | client | orders (day payment)                                         | t0    | before [t0−7d, t0) | after [t0, t0+7d)           |
 * | c1     | 01-02 50, 01-10 40 (app), 01-12 60, 01-15 P 100, 01-17 80,   | 01-15 | 01-10 01-12: 2, 50 | 100 80 70 50: 3 (+trigger), 75 |
 * |        | 01-20 70, 01-21 50, 01-25 30                                 |       |                    |                             |
 * | c2     | 01-01 20, 01-14 30, 01-16 P 60, 01-22 90                     | 01-16 | 01-14: 1, 30       | 60 90: 1, 75                |
 * | c3     | 01-05 40, 01-18 P 50                                         | 01-18 | none: 0            | 50: 0 (amount: no before)   |
 * | c4     | 01-20 P 70 (first order)                                     | out: no order before t0 − 7d          |
 * | c5     | 01-03 10, 01-12 20, 02-25 P 30                               | out: t0 + 7d = 03-03 after the data   |
 * | c6     | 01-04 35, 01-15 25, 01-20 P 45, 01-24 P 55                   | 01-20 | 01-15: 1, 25       | 45 55: 1, 50                |
 *
 * Promotion Q:
 * | c7     | 01-01 12h 100, 02-01 90, 02-03 110, 02-05 Q 40, 02-08 20     | 02-05 | 2, 100             | 40 20: 1, 30                |
 * | c8     | 01-02 12h 80, 02-04 80, 02-06 Q 30, 02-07 30                 | 02-06 | 1, 80              | 30 30: 1, 30                |
 * | c9     | 01-03 12h 60, 02-06 12h 70, 02-07 Q 40                       | 02-07 | 1, 70              | 40: 0, 40                   |
 *
 * Every order has one basket line: product A on P orders, B on Q orders, X on organic ones.
 */
export function abShop(): Dataset {
  const orders: Order[] = [
    ['z', '2024-01-01T00:00', 5],
    ['c1', '01-02', 50], ['c1', '01-10', 40, undefined, 'app'], ['c1', '01-12', 60], ['c1', '01-15', 100, 'P'], ['c1', '01-17', 80], ['c1', '01-20', 70], ['c1', '01-21', 50], ['c1', '01-25', 30],
    ['c2', '01-01', 20], ['c2', '01-14', 30], ['c2', '01-16', 60, 'P'], ['c2', '01-22', 90],
    ['c3', '01-05', 40], ['c3', '01-18', 50, 'P'],
    ['c4', '01-20', 70, 'P'],
    ['c5', '01-03', 10], ['c5', '01-12', 20], ['c5', '02-25', 30, 'P'],
    ['c6', '01-04', 35], ['c6', '01-15', 25], ['c6', '01-20', 45, 'P'], ['c6', '01-24', 55, 'P'],
    ['c7', '2024-01-01T12:00', 100], ['c7', '02-01', 90], ['c7', '02-03', 110], ['c7', '02-05', 40, 'Q'], ['c7', '02-08', 20],
    ['c8', '2024-01-02T12:00', 80], ['c8', '02-04', 80], ['c8', '02-06', 30, 'Q'], ['c8', '02-07', 30],
    ['c9', '2024-01-03T12:00', 60], ['c9', '2024-02-06T12:00', 70], ['c9', '02-07', 40, 'Q'],
    ['z', '2024-02-29T12:00', 5],
  ];
  const sessions: SessionSpec[] = orders.map(([client, day, payment, promotion, dimension], i) => ({
    id: `o${i}`,
    client,
    start: day.startsWith('2024') ? `${day}:00Z` : `2024-${day}T10:00:00Z`,
    payment,
    promotion: promotion ?? null,
    dimension: dimension ?? 'web',
  }));
  return buildDataset({
    sessions,
    lines: sessions.map((s) => ({ order: s.id, product: s.promotion === 'P' ? 'A' : s.promotion === 'Q' ? 'B' : 'X', price: s.payment ?? 0 })),
  });
}
