/**
 * The columnar data model. A `Dataset` is built once (in the worker) and never
 * holds an array of row objects: every column is one typed-array allocation,
 * strings are dictionary-encoded, so the whole dataset can be transferred
 * between threads without copying.
 */

/** Epoch milliseconds (UTC instant). `NaN` marks a missing timestamp. */
export type EpochMs = number;

/** A column of numbers (money, quantities). `NaN` marks a missing value. */
export interface NumberColumn {
  readonly type: 'number';
  readonly values: Float64Array;
}

/** A column of instants in epoch milliseconds. `NaN` marks a missing value. */
export interface TimeColumn {
  readonly type: 'time';
  readonly values: Float64Array;
}

/**
 * A dictionary-encoded string column: `dictionary[codes[i]]` is row i's value;
 * code `-1` marks a missing value. Dictionaries are in first-seen order.
 */
export interface StringColumn {
  readonly type: 'string';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** A boolean column, one byte per row (0 or 1). */
export interface BooleanColumn {
  readonly type: 'boolean';
  readonly values: Uint8Array;
}

/**
 * Row index into another table (e.g. a basket line's order row in `sessions`,
 * a session's customer row in `customers`); `-1` where there is none.
 */
export interface RefColumn {
  readonly type: 'ref';
  readonly table: TableName;
  readonly rows: Int32Array;
}

export type Column = NumberColumn | TimeColumn | StringColumn | BooleanColumn | RefColumn;
export type ColumnType = Column['type'];

/** The four tables of SPEC.md. `sessions` also holds plain orders (every row a purchase). */
export type TableName = 'sessions' | 'customers' | 'lines' | 'messages';

/** A table: a row count and named columns of equal length. */
export interface Table {
  readonly name: TableName;
  readonly length: number;
  readonly columns: Readonly<Record<string, Column>>;
}

/** Options that fix how time is bucketed; set at import, used by every analysis. */
export interface TimeOptions {
  /** IANA time zone for buckets (hour, day, week, month, quarter). Default `UTC`. */
  readonly timeZone: string;
  /** First day of the week, 0 = Sunday .. 6 = Saturday. Default 1 (Monday). */
  readonly weekStart: number;
}

/**
 * Everything the analyses run on. `sessions` is always present; the other tables are
 * optional, and analyses that need a missing one say so (see `MissingInputError`).
 *
 * Canonical column names (SPEC.md "Inputs"):
 * - sessions: order_id (string), client (string), session_start (time), session_end (time),
 *   has_purchased (boolean), payment_amount (number), discount_amount (number),
 *   promotion_id (string, missing = organic), dimension (string), customer (ref -> customers),
 *   and one boolean column per host action, named as the host named it.
 * - customers: client (string), download_date (time), signup_date (time), plus attribute
 *   columns (gender, age, location, email, phone, ...) and customer action dates (time).
 * - lines: order (ref -> sessions), order_id (string), product (string), category (string),
 *   price (number), quantity (number).
 * - messages: message_id, client, channel, campaign (string), sent_at, delivered_at,
 *   opened_at, clicked_at, unsubscribed_at (time).
 */
export interface Dataset {
  readonly sessions: Table;
  readonly customers?: Table;
  readonly lines?: Table;
  readonly messages?: Table;
  /**
   * Lines of returned or cancelled items (from `importLineItems`): shaped like `lines`
   * (order_id, product, category?, description?, price, quantity as in the source, usually
   * negative) plus client, returned_at and dimension?; no `order` reference. Not queried.
   */
  readonly returns?: Table;
  /** Host action columns of `sessions`, in funnel order. */
  readonly sessionActions: readonly string[];
  /** Customer action date columns of `customers`, in funnel order. */
  readonly customerActions: readonly string[];
  /** True when the input had no purchase flag, so every session row is an order. */
  readonly ordersOnly: boolean;
  readonly time: TimeOptions;
}
