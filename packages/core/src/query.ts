import type { Filter, Predicate } from './predicate.js';
import type { TableName } from './table.js';
import type { TimeUnit } from './calendar.js';

/**
 * Query specs: what a widget declares it shows. Plain, serialisable objects; the engine runs
 * them against a Dataset in the worker (or compiles them to Elasticsearch aggregations), so a
 * widget never computes and never knows where its data lives.
 */

/** Calendar buckets plus the cyclic ones (hour of day 0..23, day of week 0..6 with 0 = Sunday). */
export type Bucket = TimeUnit | 'hourOfDay' | 'dayOfWeek';

/**
 * A group-by key: a column, bucketed when it is a time column. `step` bins a number column
 * into fixed-width bins `[k × step, (k + 1) × step)` (the key value is the bin's lower edge), so
 * a histogram keeps its bins whatever the filter (as crossfilter's groups do).
 */
export interface GroupKey {
  readonly field: string;
  readonly bucket?: Bucket;
  readonly step?: number;
}

/**
 * Measures of the plain aggregate (SPEC.md "KPIs"):
 * - orders: sessions with has_purchased; sessions: all sessions;
 * - revenue: Σ payment_amount of orders; discount: Σ discount_amount of orders;
 * - visitors: distinct clients with a session; buyers: distinct clients with an order;
 * - quantity: Σ line quantity; lineRevenue: Σ price × quantity; lines: number of basket lines
 *   (these three need basket lines; on `lines` queries `orders` counts distinct orders);
 * - averageOrderValue: revenue / orders.
 */
export type Measure =
  | 'orders'
  | 'sessions'
  | 'revenue'
  | 'discount'
  | 'visitors'
  | 'buyers'
  | 'quantity'
  | 'lineRevenue'
  | 'lines'
  | 'averageOrderValue';

/** A grouped aggregate over one table, filtered by the selection and the widget's own `where`. */
export interface AggregateSpec {
  readonly kind: 'aggregate';
  /** The table whose rows are grouped. Default `sessions`. */
  readonly table?: TableName;
  readonly groupBy?: readonly GroupKey[];
  readonly measures: readonly Measure[];
  /** Fixed predicates of the widget itself, ANDed with the selection's filter. */
  readonly where?: readonly Predicate[];
  readonly orderBy?: { readonly measure: Measure; readonly order?: 'asc' | 'desc' };
  readonly limit?: number;
  /** For a single time group key: emit empty buckets between the first and last as zeros. */
  readonly fill?: boolean;
}

/** A named analysis from the registry of @clvkit/analytics, e.g. `kpis`, `hourly_orders`. */
export interface AnalysisSpec {
  readonly kind: 'analysis';
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export type QuerySpec = AggregateSpec | AnalysisSpec;

/** A result row: plain values only (numbers, strings, booleans, null). */
export type Row = Record<string, string | number | boolean | null>;

/** What every query returns. `meta` carries totals, domains and notes that are not rows. */
export interface QueryResult<R = Row> {
  readonly rows: R[];
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A query as sent to the engine: the spec and the filter already resolved for its widget. */
export interface QueryRequest {
  readonly spec: QuerySpec;
  readonly filter: Filter;
}
