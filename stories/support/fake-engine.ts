import type { QueryResult, QuerySpec, Row } from '@clvkit/core';
import type { EngineLike } from '@clvkit/widgets';
import { CATEGORY_ROWS, DIMENSION_ROWS, KPI_ROWS, PRODUCT_ROWS, timeRows } from './fixtures.js';

/** What the fake engine does with every query. */
export type FakeMode = 'ready' | 'loading' | 'empty' | 'error' | 'missing-lines';

/** Canned rows for a spec (filters are ignored: the stories show states, not analytics). */
export function cannedRows(spec: QuerySpec): Row[] {
  if (spec.kind === 'analysis') return spec.name === 'kpis' ? KPI_ROWS : [];
  const key = spec.groupBy?.[0];
  if (!key) return [];
  if (key.bucket) return timeRows(key.bucket);
  const source = key.field === 'product' ? PRODUCT_ROWS : key.field === 'category' ? CATEGORY_ROWS : key.field === 'dimension' ? DIMENSION_ROWS : [];
  const measure = spec.orderBy?.measure;
  const sorted = measure ? [...source].sort((a, b) => Number(b[measure] ?? 0) - Number(a[measure] ?? 0)) : source;
  return sorted.slice(0, spec.limit ?? sorted.length);
}

/**
 * A fake engine for stories: answers from canned rows after `delay` ms, or stays loading,
 * answers empty, fails, or reports missing basket lines.
 */
export function fakeEngine(mode: FakeMode = 'ready', delay = 250): EngineLike {
  return {
    query<R = Row>(spec: QuerySpec, options: { signal?: AbortSignal } = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (mode === 'error') {
            reject(new Error('The analytics worker stopped (out of memory). Reload the page or load less data.'));
          } else if (mode === 'missing-lines' && spec.kind === 'aggregate' && spec.table === 'lines') {
            const error = new Error('aggregate needs basket lines: import a lines table (order_id, product, price) with the orders');
            Object.assign(error, { name: 'MissingInputError', missing: 'basket lines' });
            reject(error);
          } else {
            resolve({ rows: (mode === 'empty' ? [] : cannedRows(spec)) as R[] });
          }
        }, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}
