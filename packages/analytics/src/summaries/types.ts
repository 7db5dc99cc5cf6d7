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
  /**
   * Σ basket-line quantity (a missing quantity counts 1) over the lines of these orders that
   * pass the filter's basket-line predicates (every line of the order without any): the
   * in-memory `quantity` measure of the sessions aggregate grouped by client. 0 without lines.
   */
  readonly quantity: number;
  /**
   * Σ over these orders of discount / (payment + discount) (`discountShare`: clamped to [0, 1],
   * 0 where payment + discount <= 0): over `orders`, the mean per-order discount share of
   * basket_sensitivity.
   */
  readonly discountShareSum: number;
}

/**
 * One customer's activity on one local day (days in the data's time zone) over the sessions
 * passing a filter, as a remote source's proxy pages them (`{ activity: { filter, after, size } }`,
 * a composite on client and day): the day's counts and sums, and its first and last order
 * exactly (time, payment, discount), so a day with one or two orders is known order by order.
 * Rows ascending by client, then day; only days with a session.
 */
export interface CustomerDayRecord {
  readonly client: string;
  /** Start of the local day (epoch ms). */
  readonly day: number;
  readonly sessions: number;
  readonly firstSessionAt: number;
  readonly lastSessionAt: number;
  /** Sessions with has_purchased that day. */
  readonly orders: number;
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  /** Σ payment_amount of the day's orders. */
  readonly revenue: number;
  /** Σ discount_amount of the day's orders. */
  readonly discount: number;
  /** payment_amount / discount_amount of the day's earliest and latest order (ties: any one). */
  readonly firstOrderRevenue: number | null;
  readonly lastOrderRevenue: number | null;
  readonly firstOrderDiscount: number | null;
  readonly lastOrderDiscount: number | null;
  /** The day's orders with a promotion_id. */
  readonly promotionOrders: number;
}

/** One customer of the customers index (one row per customer; the shape of @clvkit/elasticsearch's CustomerDocument). */
export interface CustomerRecord {
  readonly client: string;
  readonly download_date: number | null;
  readonly signup_date: number | null;
  /** The host's customer action dates, by their own names. */
  readonly actions: Readonly<Record<string, number | null>>;
  /** The host's attributes (gender, location, birth_date, consents, ...), by their own names. */
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
}

/** One message of the messages index (the shape of @clvkit/elasticsearch's MessageDocument). */
export interface MessageRecord {
  readonly message_id: string;
  readonly client: string;
  readonly channel: string;
  readonly campaign: string;
  readonly sent_at: number;
  readonly delivered_at: number | null;
  readonly opened_at: number | null;
  readonly clicked_at: number | null;
  readonly unsubscribed_at: number | null;
}

/** Where a summary-based analysis runs: the data's calendar and extent, and its summaries. */
export interface SummaryEnv {
  readonly time: TimeOptions;
  /** First and last session_start of the whole data (epoch ms), null without sessions: the default as-of. */
  readonly timeExtent: readonly [number, number] | null;
  /** Every customer's summary over the sessions passing `filter` (all pages). */
  readonly summaries: (filter: Filter) => Promise<readonly CustomerSummaryRecord[]>;
  /** Every customer's activity per day over the sessions passing `filter` (all pages; absent when the source has none). */
  readonly activity?: (filter: Filter) => Promise<readonly CustomerDayRecord[]>;
  /** Every customer of the customers index (absent or [] when the source has none). */
  readonly customers?: () => Promise<readonly CustomerRecord[]>;
  /** Every message of the messages index (absent or [] when the source has none). */
  readonly messages?: () => Promise<readonly MessageRecord[]>;
  /** A request the server answers itself (aggregates and pushed-down analyses), for analyses that build on them (anomaly series). */
  readonly query?: (request: QueryRequest) => Promise<QueryResult>;
  /**
   * Something built once per loaded source and kept while it stays loaded (a search's value
   * index): `build` runs on the first call for `key` with an env of its own (not cancelled with
   * the asking analysis), later calls share its promise (a failed build is forgotten). Absent:
   * built on every call.
   */
  readonly memo?: <T>(key: string, build: (env: SummaryEnv) => Promise<T>) => Promise<T>;
  readonly signal?: AbortSignal;
}

/** A registry analysis computed from per-customer summaries instead of the order log. */
export interface SummaryAnalysis {
  /** The registry analysis it stands for (same name, same params, same rows). */
  readonly name: string;
  run(request: QueryRequest, env: SummaryEnv): Promise<QueryResult>;
}
