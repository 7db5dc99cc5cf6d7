import type { Filter, QueryRequest, QueryResult, TimeOptions } from '@clvkit/core';

/**
 * One customer's summary over the sessions passing a filter, as a remote source's proxy pages
 * them (`{ summaries: { filter, after, size } }`; the Elasticsearch proxy's `CustomerSummaryRecord`
 * has exactly these fields). Times are epoch ms; a customer without orders has orders 0,
 * revenue 0 and null order times.
 */
export interface CustomerSummaryRecord {
  readonly client: string;
  /** Sessions (orders or not). */
  readonly sessions: number;
  readonly firstSessionAt: number | null;
  readonly lastSessionAt: number | null;
  /** Sessions with has_purchased. */
  readonly orders: number;
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  /** Σ payment_amount of the orders. */
  readonly revenue: number;
  /** Σ discount_amount of the orders. */
  readonly discount: number;
  /** payment_amount of the earliest order (ties: any one of them). */
  readonly firstOrderRevenue: number | null;
  /** Orders with a promotion_id. */
  readonly promotionOrders: number;
}

/** Where a summary-based analysis runs: the data's calendar and extent, and its summaries. */
export interface SummaryEnv {
  readonly time: TimeOptions;
  /** First and last session_start of the whole data (epoch ms), null without sessions: the default as-of. */
  readonly timeExtent: readonly [number, number] | null;
  /** Every customer's summary over the sessions passing `filter` (all pages). */
  readonly summaries: (filter: Filter) => Promise<readonly CustomerSummaryRecord[]>;
  readonly signal?: AbortSignal;
}

/** A registry analysis computed from per-customer summaries instead of the order log. */
export interface SummaryAnalysis {
  /** The registry analysis it stands for (same name, same params, same rows). */
  readonly name: string;
  run(request: QueryRequest, env: SummaryEnv): Promise<QueryResult>;
}
