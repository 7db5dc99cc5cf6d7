import type { QueryResult, QuerySpec, Row } from '@clvkit/core';
import type { EngineLike } from '@clvkit/widgets';
import {
  boughtWith, CHURN, CUSTOMER_ROWS, DEMOGRAPHICS, FUNNELS, JOURNEY, LIFECYCLE, LOCATIONS, ORDER_COUNTS, ORDER_GAP, ORDER_VALUES, ORGANIC, PAIRS, RETENTION, STATUS,
} from './chart-fixtures.js';

/** What the fake chart engine does with every query. */
export type ChartMode = 'ready' | 'loading' | 'empty' | 'error' | 'missing-customers';

/** The canned result of an analysis spec (customer_list sorted and paged as the analysis does; filters are ignored). */
export function cannedResult(spec: QuerySpec): QueryResult<Row> {
  if (spec.kind === 'aggregate') return { rows: LOCATIONS };
  const params = spec.params ?? {};
  if (FUNNELS[spec.name]) return FUNNELS[spec.name];
  switch (spec.name) {
    case 'retention_cohorts':
      return RETENTION;
    case 'daily_cohort_from_1_to_2':
    case 'weekly_cohort_from_1_to_2':
      return ORDER_GAP;
    case 'purchase_amount_distribution':
      return ORDER_VALUES;
    case 'user_counts_per_order_seq':
      return ORDER_COUNTS;
    case 'customer_status':
      return STATUS;
    case 'demographics':
      return DEMOGRAPHICS;
    case 'churn_weekly':
      return CHURN;
    case 'daily_organic_orders':
      return ORGANIC;
    case 'lifecycle':
      return LIFECYCLE;
    case 'customer_journey':
      return JOURNEY;
    case 'most_combined_products':
      return PAIRS;
    case 'bought_with':
      return boughtWith(String(params.product ?? ''));
    case 'customer_list': {
      const sort = (params.sort as { field: string; order: 'asc' | 'desc' } | undefined) ?? { field: 'revenue', order: 'desc' };
      const direction = sort.order === 'asc' ? 1 : -1;
      const sorted = [...CUSTOMER_ROWS].sort((a, b) => {
        const x = a[sort.field];
        const y = b[sort.field];
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
      });
      const offset = (params.offset as number | undefined) ?? 0;
      const limit = (params.limit as number | undefined) ?? 50;
      return { rows: sorted.slice(offset, offset + limit), meta: { total: sorted.length, offset, limit, sort } };
    }
    default:
      return { rows: [] };
  }
}

/**
 * A fake engine for the chart stories: canned results after `delay` ms, or stays loading,
 * answers empty, fails, or reports a missing customers table.
 */
export function chartEngine(mode: ChartMode = 'ready', delay = 200): EngineLike {
  return {
    query<R = Row>(spec: QuerySpec, options: { signal?: AbortSignal } = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (mode === 'error') reject(new Error('The analytics worker stopped (out of memory). Reload the page or load less data.'));
          else if (mode === 'missing-customers') {
            reject(Object.assign(new Error('analysis needs a customers table: import customers (client, download_date) with the sessions'), { name: 'MissingInputError', missing: 'a customers table' }));
          } else resolve((mode === 'empty' ? { rows: [] } : cannedResult(spec)) as QueryResult<R>);
        }, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}
