import { runQuery } from '@clvkit/analytics';
import { allOf, interval, isIn, ordersIn, prefix, present, type Dataset, type Filter, type Predicate, type QueryRequest, type QueryResult } from '@clvkit/core';
import { expect } from 'vitest';
import type { OrderDocument } from '../../src/documents.js';
import { indexLayout, type IndexLayout } from '../../src/layout.js';
import { executeQuery } from '../../src/query/index.js';
import type { SearchFn } from '../../src/query/types.js';
import { evaluateSearch } from '../stand-in/evaluate.js';
import { mulberry32 } from '@clvkit/analytics';

/** Parity harness: the same request in memory (`runQuery`) and through executeQuery + the stand-in. */

/** The seeded PRNG of the models (analytics' `mulberry32`), so a failing run can be replayed. */
export const random = mulberry32;

export interface Fixture {
  readonly dataset: Dataset;
  readonly documents: OrderDocument[];
  readonly layout: IndexLayout;
  readonly searches: { count: number };
  readonly search: SearchFn;
}

/** The fixture of a dataset: its documents, a layout in its time zone and a counting stand-in search. */
export function fixture(dataset: Dataset, documents: OrderDocument[]): Fixture {
  const time = (dataset as unknown as { time: { timeZone: string; weekStart: 0 | 1 } }).time;
  const layout = indexLayout({ timeZone: time.timeZone, weekStart: time.weekStart, orderActions: dataset.sessionActions });
  const searches = { count: 0 };
  const search: SearchFn = async (index, body) => {
    expect(index).toBe(layout.orders);
    searches.count++;
    // Round-trip through JSON, as the HTTP client would: no Infinity, no undefined, no shared objects.
    return evaluateSearch(documents, JSON.parse(JSON.stringify(body)));
  };
  return { dataset, documents, layout, searches, search };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function dictionary(dataset: Dataset, table: 'sessions' | 'lines', column: string): readonly string[] {
  const col = dataset[table]!.columns[column];
  return col.type === 'string' ? col.dictionary : [];
}

/** One random predicate on a session or line field (`lineFields` false: sessions only). */
export function randomPredicate(rand: () => number, dataset: Dataset, lineFields = true): Predicate {
  const starts = dataset.sessions.columns.session_start;
  const values = starts.type === 'time' ? starts.values : new Float64Array();
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const kinds = ['time', 'time', 'ordersIn', 'firstOrder', 'dimension', 'promotion', 'present', 'amount', 'purchased', 'action', ...(lineFields ? ['product', 'category', 'price', 'and'] : [])];
  switch (pick(rand, kinds)) {
    case 'time': {
      const a = lo + rand() * (hi - lo);
      const b = a + rand() * (hi - lo) * 0.5;
      return interval('session_start', Math.round(a), Math.round(b));
    }
    case 'ordersIn': {
      const a = lo + rand() * (hi - lo);
      return ordersIn(Math.round(a), Math.round(a + rand() * (hi - lo) * 0.3), rand() < 0.6);
    }
    case 'firstOrder': {
      if (rand() < 0.2) return present('first_order_at', rand() < 0.5);
      const a = lo + rand() * (hi - lo);
      return interval('first_order_at', Math.round(a), Math.round(a + rand() * (hi - lo) * 0.5));
    }
    case 'dimension':
      return isIn('dimension', [pick(rand, dictionary(dataset, 'sessions', 'dimension')), ...(rand() < 0.5 ? [pick(rand, dictionary(dataset, 'sessions', 'dimension'))] : [])]);
    case 'promotion':
      return isIn('promotion_id', [pick(rand, dictionary(dataset, 'sessions', 'promotion_id'))]);
    case 'present':
      return present('promotion_id', rand() < 0.5);
    case 'amount':
      return interval('payment_amount', Math.round(rand() * 50), 50 + Math.round(rand() * 200));
    case 'purchased':
      return isIn('has_purchased', [rand() < 0.5]);
    case 'action':
      return isIn(pick(rand, dataset.sessionActions), [true]);
    case 'product':
      return isIn('product', [pick(rand, dictionary(dataset, 'lines', 'product')), pick(rand, dictionary(dataset, 'lines', 'product'))]);
    case 'category': {
      const category = pick(rand, dictionary(dataset, 'lines', 'category'));
      const parts = category.split('/');
      return prefix('category', [parts.slice(0, 1 + Math.floor(rand() * parts.length)).join('/')]);
    }
    case 'price':
      return interval('price', 0, 5 + Math.round(rand() * 30));
    default:
      return allOf([randomPredicate(rand, dataset, false), randomPredicate(rand, dataset, true)]);
  }
}

/** A random selection: 0..3 predicates, `and` mostly, sometimes `or`. */
export function randomFilter(rand: () => number, dataset: Dataset, options: { or?: boolean; lineFields?: boolean } = {}): Filter {
  const n = Math.floor(rand() * 4);
  const predicates: Predicate[] = [];
  for (let i = 0; i < n; i++) predicates.push(randomPredicate(rand, dataset, options.lineFields ?? true));
  return { mode: options.or !== false && rand() < 0.2 ? 'or' : 'and', predicates };
}

/** True when two numbers agree within 1e-9 relative (exactly for integers and small values). */
export function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Compares two results: same rows (numbers within 1e-9 relative), same order, same meta. */
export function expectSameResult(actual: QueryResult, expected: QueryResult, label: string): void {
  const normalise = (value: unknown, other: unknown): unknown => {
    if (typeof value === 'number' && typeof other === 'number' && close(value, other)) return other;
    if (Array.isArray(value) && Array.isArray(other)) return value.map((v, i) => normalise(v, other[i]));
    if (value && typeof value === 'object' && other && typeof other === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, (other as Record<string, unknown>)[k])]));
    }
    return value;
  };
  expect(normalise(actual, expected), label).toEqual(expected);
}

/** Runs `request` both ways and compares; returns the in-memory result. */
export async function expectParity(fx: Fixture, request: QueryRequest, label: string): Promise<QueryResult> {
  const expected = runQuery(fx.dataset, request);
  const actual = await executeQuery(request, { layout: fx.layout, search: fx.search });
  expectSameResult(actual, expected, `${label}: ${JSON.stringify(request)}`);
  return expected;
}

/** Every row of a paged query-layer call (`executeSummaries`, `executeActivity`), page by page from `after` to the end. */
export async function pageAll<R>(page: (after: Record<string, unknown> | null) => Promise<{ rows: R[]; after: Record<string, unknown> | null }>): Promise<{ rows: R[]; pages: number }> {
  const rows: R[] = [];
  let after: Record<string, unknown> | null = null;
  let pages = 0;
  do {
    const next = await page(after);
    rows.push(...next.rows);
    after = next.after;
    pages++;
  } while (after && pages < 10_000);
  return { rows, pages };
}
