/**
 * Where clvkit's data lives in a cluster and how its calendar is read: the index names and the
 * time zone and week start every date_histogram uses (the same settings the in-memory engine
 * takes from the dataset), shared by the ingest tool, the proxy and the query compiler.
 */
export interface IndexLayout {
  /** Index (or alias) of order/session documents. Default `clvkit-orders`. */
  readonly orders: string;
  /** Index of customer documents. Default `clvkit-customers`. */
  readonly customers: string;
  /** Index of message documents. Default `clvkit-messages`. */
  readonly messages: string;
  /** IANA time zone of calendar buckets, e.g. `Europe/London`. Default `UTC`. */
  readonly timeZone: string;
  /** First day of a week: 0 = Sunday, 1 = Monday (SPEC.md calendar). Default 1. */
  readonly weekStart: 0 | 1;
  /** Names of the boolean action fields of orders (funnel steps), in funnel order. */
  readonly orderActions: readonly string[];
  /** Names of the date action fields of customers, in funnel order. */
  readonly customerActions: readonly string[];
  /** Names of the string attribute fields of customers. */
  readonly customerAttributes: readonly string[];
}

/** The defaults of `IndexLayout`. */
export const DEFAULT_LAYOUT: IndexLayout = Object.freeze({
  orders: 'clvkit-orders',
  customers: 'clvkit-customers',
  messages: 'clvkit-messages',
  timeZone: 'UTC',
  weekStart: 1,
  orderActions: Object.freeze([]) as readonly string[],
  customerActions: Object.freeze([]) as readonly string[],
  customerAttributes: Object.freeze([]) as readonly string[],
});

/** `layout` completed with the defaults. */
export function indexLayout(layout: Partial<IndexLayout> = {}): IndexLayout {
  return Object.freeze({ ...DEFAULT_LAYOUT, ...layout });
}
