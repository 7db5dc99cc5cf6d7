import { calendarFor, type Calendar } from '@clvkit/core';
import type { IndexLayout } from '../layout.js';
import type { SearchContext } from './composite.js';
import { DEFAULT_LIMITS, type ExecuteOptions, type QueryLimits } from './types.js';

/** Everything a compiler and runner needs, resolved once per request. */
export interface QueryEnv extends SearchContext {
  readonly layout: IndexLayout;
  readonly calendar: Calendar;
  readonly extraFilters: readonly object[];
}

/** The env of `options` on the orders index. */
export function queryEnv(options: ExecuteOptions): QueryEnv {
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  return {
    layout: options.layout,
    calendar: calendarFor({ timeZone: options.layout.timeZone, weekStart: options.layout.weekStart }),
    extraFilters: options.extraFilters ?? [],
    search: options.search,
    index: options.layout.orders,
    limits,
    signal: options.signal,
  };
}
