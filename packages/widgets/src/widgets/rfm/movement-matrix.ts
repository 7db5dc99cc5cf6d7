import type { Row } from '@clvkit/core';
import { orderCategories, SEGMENT_NAMES } from './segments.js';

/** The "from" of customers who had no order by the first date. */
export const NEW_SEGMENT = 'New';

/** Customers by segment at the first date (rows) and at the second (columns). */
export interface MovementMatrix {
  /** Row segments: "New" first, then segments in map order. */
  readonly from: readonly string[];
  /** Column segments in map order. */
  readonly to: readonly string[];
  /** counts[i][j]: customers in from[i] at the first date and to[j] at the second. */
  readonly counts: readonly (readonly number[])[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly total: number;
  /** The largest cell (for shading). */
  readonly max: number;
}

/**
 * The matrix of `segment_movement` rows (`{from, to, customers}`). Repeated pairs add up.
 * Without `showEmpty`, segments with no customers on either side are left out; with it, every
 * segment of `order` is a row and a column.
 */
export function movementMatrix(rows: readonly Row[], order?: readonly string[], showEmpty = false): MovementMatrix {
  const cells = new Map<string, number>();
  const froms: string[] = [];
  const tos: string[] = [];
  for (const row of rows) {
    if (typeof row?.from !== 'string' || typeof row?.to !== 'string') continue;
    const n = typeof row.customers === 'number' && Number.isFinite(row.customers) ? row.customers : 0;
    if (n <= 0 && !showEmpty) continue;
    froms.push(row.from);
    tos.push(row.to);
    const key = `${row.from}\u0000${row.to}`;
    cells.set(key, (cells.get(key) ?? 0) + n);
  }
  const base = showEmpty ? [...(order ?? SEGMENT_NAMES)] : [];
  const toOrder = orderCategories([...base, ...tos], order).map(String);
  const fromOrder = orderCategories([...base, ...froms.filter((f) => f !== NEW_SEGMENT)], order).map(String);
  const from = froms.includes(NEW_SEGMENT) || showEmpty ? [NEW_SEGMENT, ...fromOrder] : fromOrder;
  const counts = from.map((f) => toOrder.map((t) => cells.get(`${f}\u0000${t}`) ?? 0));
  const rowTotals = counts.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = toOrder.map((_, j) => counts.reduce((s, r) => s + r[j], 0));
  return {
    from,
    to: toOrder,
    counts,
    rowTotals,
    columnTotals,
    total: rowTotals.reduce((s, v) => s + v, 0),
    max: Math.max(0, ...counts.flat()),
  };
}

/** Shading level 0..4 of a cell: 0 for none, else its share of the largest cell in quarters (rounded up). */
export function movementLevel(count: number, max: number): number {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max)));
}
