import { LocalTime } from './local-time.js';

/**
 * The reference implementation's data: the raw row objects of a generated shop (what
 * `generateShop(...).input` yields, before `importDataset`), joined by plain object references.
 * Nothing here is columnar or cached beyond the joins, so it cannot share a bug with the
 * engine's typed-array indexes.
 */

/** A cell value: missing is null (never NaN or undefined). */
export type Value = string | number | boolean | null;

/** How the import types a column (decides what `in`, `present` and group keys mean). */
export type ColumnType = 'string' | 'number' | 'time' | 'boolean';

/** The tables the reference knows (messages are not part of the cross-filter dashboard). */
export type OracleTable = 'sessions' | 'lines' | 'customers';

/** One customer row. */
export interface CustomerRec {
  readonly values: Readonly<Record<string, Value>>;
}

/** One session row with its basket lines and its customer. */
export interface SessionRec {
  readonly values: Readonly<Record<string, Value>>;
  readonly lines: LineRec[];
  readonly customer: CustomerRec | null;
}

/** One basket line with its order (session). */
export interface LineRec {
  readonly values: Readonly<Record<string, Value>>;
  readonly order: SessionRec | null;
}

/** A shop as plain joined rows, with its time zone. */
export interface OracleShop {
  readonly time: LocalTime;
  readonly schema: Readonly<Record<OracleTable, Readonly<Record<string, ColumnType>>>>;
  readonly sessions: readonly SessionRec[];
  readonly lines: readonly LineRec[];
  readonly customers: readonly CustomerRec[];
}

/** The columns as `importDataset` types them for a generated shop (customer attributes are text). */
const SCHEMA: Record<OracleTable, Record<string, ColumnType>> = {
  sessions: {
    order_id: 'string',
    client: 'string',
    session_start: 'time',
    session_end: 'time',
    has_purchased: 'boolean',
    payment_amount: 'number',
    discount_amount: 'number',
    promotion_id: 'string',
    dimension: 'string',
    has_basket: 'boolean',
    order_screen: 'boolean',
    // Derived (SPEC "Customer status"): see `customerStatusOf`.
    customer_status: 'string',
  },
  lines: { order_id: 'string', product: 'string', category: 'string', price: 'number', quantity: 'number' },
  customers: {
    client: 'string',
    download_date: 'time',
    signup_date: 'time',
    first_login_date: 'time',
    gender: 'string',
    birth_date: 'string',
    age: 'string',
    location: 'string',
    region: 'string',
    email: 'string',
    phone: 'string',
    email_opt_in: 'string',
    sms_opt_in: 'string',
    push_opt_in: 'string',
  },
};

/** Texts SPEC.md reads as "no promotion". */
const ORGANIC = new Set(['', '-', 'None', 'null']);

/** The raw input of a generated shop (the shape of `generateShop(...)`). */
export interface RawShop {
  readonly input: {
    readonly sessions: { readonly data: Iterable<Record<string, unknown>> };
    readonly lines?: { readonly data: Iterable<Record<string, unknown>> };
    readonly customers?: { readonly data: Iterable<Record<string, unknown>> };
  };
}

/** Builds the reference shop from raw rows, read in `timeZone` with weeks from `weekStart`. */
export function buildOracleShop(raw: RawShop, timeZone: string, weekStart: number): OracleShop {
  const time = new LocalTime(timeZone, weekStart);
  const customers: CustomerRec[] = [];
  const customerByClient = new Map<string, CustomerRec>();
  for (const row of raw.input.customers?.data ?? []) {
    const rec: CustomerRec = { values: normalise(row, SCHEMA.customers) };
    customers.push(rec);
    const client = rec.values.client as string | null;
    if (client !== null && !customerByClient.has(client)) customerByClient.set(client, rec);
  }
  const sessions: SessionRec[] = [];
  const sessionByOrder = new Map<string, SessionRec>();
  for (const row of raw.input.sessions.data) {
    const values = normalise(row, SCHEMA.sessions);
    if (values.promotion_id !== null && ORGANIC.has(String(values.promotion_id).trim())) values.promotion_id = null;
    const client = values.client as string | null;
    const rec: SessionRec = { values, lines: [], customer: client === null ? null : (customerByClient.get(client) ?? null) };
    sessions.push(rec);
    sessionByOrder.set(values.order_id as string, rec);
  }
  const lines: LineRec[] = [];
  for (const row of raw.input.lines?.data ?? []) {
    const values = normalise(row, SCHEMA.lines);
    if (values.quantity === null) values.quantity = 1;
    const order = sessionByOrder.get(values.order_id as string) ?? null;
    const rec: LineRec = { values, order };
    lines.push(rec);
    order?.lines.push(rec);
  }
  const status = customerStatusOf(sessions, time);
  for (const s of sessions) (s.values as Record<string, Value>).customer_status = status.get(s.values.client as string) ?? null;
  return { time, schema: SCHEMA, sessions, lines, customers };
}

function normalise(row: Record<string, unknown>, schema: Record<string, ColumnType>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [column, type] of Object.entries(schema)) {
    const v = row[column];
    if (v === null || v === undefined) out[column] = null;
    else if (type === 'string') out[column] = String(v) === '' ? null : String(v);
    else if (type === 'boolean') out[column] = v === true || v === 1 || v === 'true';
    else if (type === 'time') out[column] = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v));
    else out[column] = Number(v);
  }
  return out;
}

/** The last session_start of the data (any session, purchase or not). */
export function lastSessionStart(sessions: readonly SessionRec[]): number | null {
  let last: number | null = null;
  for (const s of sessions) {
    const t = s.values.session_start as number | null;
    if (t !== null && (last === null || t > last)) last = t;
  }
  return last;
}

/** The first session_start of the data. */
export function firstSessionStart(sessions: readonly SessionRec[]): number | null {
  let first: number | null = null;
  for (const s of sessions) {
    const t = s.values.session_start as number | null;
    if (t !== null && (first === null || t < first)) first = t;
  }
  return first;
}

/** Status of a customer whose last counted order was at `last`, with the cut instants. */
export function classify(last: number, activeSince: number, longGoneBefore: number): 'active' | 'churned' | 'long_gone' {
  return last >= activeSince ? 'active' : last >= longGoneBefore ? 'churned' : 'long_gone';
}

/**
 * The derived field `sessions.customer_status` (SPEC "Customer status and churn", analytics
 * README): per client, the status over all their orders as of the last session_start of the
 * data, active within 3 calendar months, long gone beyond 6; clients without an order have none.
 */
function customerStatusOf(sessions: readonly SessionRec[], time: LocalTime): Map<string, string> {
  const out = new Map<string, string>();
  const asOf = lastSessionStart(sessions);
  if (asOf === null) return out;
  const activeSince = time.monthsBack(asOf, 3);
  const longGoneBefore = time.monthsBack(asOf, 6);
  const lastOrder = new Map<string, number>();
  for (const s of sessions) {
    const t = s.values.session_start as number | null;
    const client = s.values.client as string | null;
    if (!s.values.has_purchased || t === null || client === null || t > asOf) continue;
    lastOrder.set(client, Math.max(lastOrder.get(client) ?? -Infinity, t));
  }
  for (const [client, last] of lastOrder) out.set(client, classify(last, activeSince, longGoneBefore));
  return out;
}
