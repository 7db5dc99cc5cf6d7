import { calendarFor, readTimestamp, type Calendar, type Dataset } from '@clvkit/core';
import { allCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import { derivedColumns } from '../../derived.js';

/**
 * The recency-frequency-monetary summary the BG/NBD and Gamma-Gamma models are fitted on
 * (Fader, Hardie & Lee 2005, section 2): per customer, from their transactions up to the end of
 * the calibration period. Purchases of one customer on one calendar day (in the time zone) are
 * merged into one transaction, whose value is the sum of the purchases.
 */

/** Time unit of t_x and T (and of every horizon given to the models fitted on them). */
export type ClvUnit = 'day' | 'week';

/** Days per unit. */
export const UNIT_DAYS: Readonly<Record<ClvUnit, number>> = { day: 1, week: 7 };

/** One customer's summary. */
export interface CustomerSummaryRow {
  readonly client: string;
  /** Repeat transactions in the calibration period (transactions after the first one). */
  readonly x: number;
  /** Time of the last transaction, from the first one (0 when x = 0), in the unit. */
  readonly t_x: number;
  /** Time from the first transaction to the end of the calibration period, in the unit. */
  readonly T: number;
  /** Mean value of the repeat transactions (0 when x = 0: the first purchase is not used). */
  readonly monetary: number;
  /** Transactions in the holdout period (only with `holdoutEnd`). */
  readonly xHoldout?: number;
  /** Total value of the holdout transactions (only with `holdoutEnd`). */
  readonly holdoutValue?: number;
}

/** An order of the plain-array variant. `at`: epoch ms, an ISO date/date-time, or a Date. */
export interface OrderRecord {
  readonly client: string;
  readonly at: number | string | Date;
  readonly amount: number;
}

/** An instant option: epoch ms, an ISO date `YYYY-MM-DD` (that local day), an ISO date-time, or a Date. */
export type InstantInput = number | string | Date;

/** Options of `customerSummary`. */
export interface SummaryOptions {
  readonly unit: ClvUnit;
  /**
   * Last day of the calibration period (inclusive: transactions on that local day count).
   * Default: `asOf`, else the day of the last order.
   */
  readonly calibrationEnd?: InstantInput;
  /** Last day of the holdout period (inclusive); adds `xHoldout` / `holdoutValue`. */
  readonly holdoutEnd?: InstantInput;
  /** The analysis's "now" when there is no separate calibration end (same meaning). */
  readonly asOf?: InstantInput;
  /** IANA zone whose calendar days merge purchases (default UTC; the dataset variant uses the dataset's). */
  readonly timeZone?: string;
}

/**
 * Columnar summaries (what the fitters and the analyses use): row i is one customer, `client[i]`
 * their client code (dataset variant) or index into `clients` (plain-array variant).
 */
export interface SummaryColumns {
  readonly length: number;
  readonly client: Int32Array;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly monetary: Float64Array;
  /** Per row, the customer's first transaction (local epoch day number). */
  readonly firstDay: Int32Array;
  readonly xHoldout?: Float64Array;
  readonly holdoutValue?: Float64Array;
  /** Calibration end and holdout end as local epoch day numbers (days since 1970-01-01 local). */
  readonly endDay: number;
  readonly holdoutEndDay?: number;
  readonly unit: ClvUnit;
}

const DAY_MS = 86_400_000;

/** The local epoch day number (days since 1970-01-01 in `calendar`'s zone) of instant `ms`. */
export function localDay(calendar: Calendar, ms: number): number {
  return Math.floor(calendar.toWall(ms) / DAY_MS);
}

/** Epoch ms of an instant option; ISO dates are that local day's start. */
export function instantOf(value: InstantInput, calendar: Calendar, name: string): number {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? calendar.parseDate(value.trim()) : readTimestamp(value, calendar);
  if (!Number.isFinite(ms)) throw new TypeError(`customerSummary: ${name} must be epoch ms, an ISO date or date-time, or a Date; got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * Per customer `{ client, x, t_x, T, monetary, xHoldout? }` from a plain list of orders (any
 * order; amounts that are not finite count as 0). Customers whose first purchase falls after
 * the calibration end are left out (they were not customers yet). Rows in order of first
 * appearance of the client in `orders`.
 *
 * Definitions (unit u = 1 day or 7 days; days are local calendar days):
 * - transactions = the distinct days with a purchase, each worth the sum of that day's amounts;
 * - x = calibration transactions − 1; t_x = (last − first transaction day) / u;
 *   T = (calibration end day − first transaction day) / u;
 * - monetary = mean value of the x repeat transactions (0 when x = 0);
 * - xHoldout = transactions on days after the calibration end, up to the holdout end inclusive.
 */
export function customerSummary(orders: readonly OrderRecord[], options: SummaryOptions): CustomerSummaryRow[] {
  const columns = customerSummaryColumns(orders, options);
  return summaryRows(columns, (code) => columns.clientNames[code]);
}

/** The columnar form of `customerSummary`; `clientNames[client[i]]` names row i. */
export function customerSummaryColumns(orders: readonly OrderRecord[], options: SummaryOptions): SummaryColumns & { readonly clientNames: readonly string[] } {
  const calendar = calendarFor({ timeZone: options.timeZone ?? 'UTC' });
  const names: string[] = [];
  const codeOf = new Map<string, number>();
  const code = new Int32Array(orders.length);
  const day = new Int32Array(orders.length);
  const amount = new Float64Array(orders.length);
  let lastDay = -Infinity;
  orders.forEach((o, i) => {
    let c = codeOf.get(o.client);
    if (c === undefined) {
      c = names.length;
      codeOf.set(o.client, c);
      names.push(o.client);
    }
    code[i] = c;
    day[i] = localDay(calendar, instantOf(o.at, calendar, `orders[${i}].at`));
    amount[i] = Number.isFinite(o.amount) ? o.amount : 0;
    if (day[i] > lastDay) lastDay = day[i];
  });
  // Order index grouped by client, each run sorted by day.
  const index = Array.from(orders, (_, i) => i).sort((i, j) => code[i] - code[j] || day[i] - day[j] || i - j);
  const starts = new Int32Array(names.length + 1);
  for (let i = 0; i < orders.length; i++) starts[code[i] + 1]++;
  for (let c = 0; c < names.length; c++) starts[c + 1] += starts[c];
  const grouped: CustomerOrders = { rows: Int32Array.from(index), starts, clients: names.length, start: new Float64Array(0) };
  const end = options.calibrationEnd ?? options.asOf;
  const endDay = end === undefined ? lastDay : localDay(calendar, instantOf(end, calendar, options.calibrationEnd !== undefined ? 'calibrationEnd' : 'asOf'));
  const holdoutEndDay = options.holdoutEnd === undefined ? undefined : localDay(calendar, instantOf(options.holdoutEnd, calendar, 'holdoutEnd'));
  const columns = summarizeOrders(grouped, day, amount, { unit: options.unit, endDay, holdoutEndDay });
  return { ...columns, clientNames: names };
}

/** Options of `summarizeOrders`. */
export interface SummarizeOptions {
  readonly unit: ClvUnit;
  /** Last calibration day (local epoch day number, inclusive). */
  readonly endDay: number;
  /** Last holdout day (inclusive); no holdout columns without it. */
  readonly holdoutEndDay?: number;
}

/**
 * The summary of grouped orders: `orders.rows` grouped per client (see `CustomerOrders`),
 * `day[row]` the local epoch day and `amount[row]` the value of order row `row` (rows sorted
 * by time within a client). Clients without an order by `endDay` are left out.
 */
export function summarizeOrders(orders: CustomerOrders, day: ArrayLike<number>, amount: ArrayLike<number>, options: SummarizeOptions): SummaryColumns {
  const { unit, endDay, holdoutEndDay } = options;
  const u = UNIT_DAYS[unit];
  const n = orders.clients;
  const client = new Int32Array(n);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const firstDay = new Int32Array(n);
  const xHoldout = holdoutEndDay === undefined ? undefined : new Float64Array(n);
  const holdoutValue = holdoutEndDay === undefined ? undefined : new Float64Array(n);
  let k = 0;
  for (let c = 0; c < n; c++) {
    const from = orders.starts[c];
    const to = orders.starts[c + 1];
    if (from === to) continue;
    const first = day[orders.rows[from]];
    if (!(first <= endDay)) continue;
    let transactions = 0;
    let previous = Number.NaN;
    let last = first;
    let repeatValue = 0;
    let holdout = 0;
    let holdoutSum = 0;
    for (let i = from; i < to; i++) {
      const row = orders.rows[i];
      const d = day[row];
      const a = amount[row];
      const value = a === a ? a : 0;
      if (d <= endDay) {
        if (d !== previous) transactions++;
        if (transactions > 1) repeatValue += value;
        last = d;
      } else if (holdoutEndDay !== undefined && d <= holdoutEndDay) {
        if (d !== previous) holdout++;
        holdoutSum += value;
      }
      previous = d;
    }
    client[k] = c;
    x[k] = transactions - 1;
    tx[k] = (last - first) / u;
    T[k] = (endDay - first) / u;
    monetary[k] = transactions > 1 ? repeatValue / (transactions - 1) : 0;
    firstDay[k] = first;
    if (xHoldout) xHoldout[k] = holdout;
    if (holdoutValue) holdoutValue[k] = holdoutSum;
    k++;
  }
  return {
    length: k,
    client: client.slice(0, k),
    x: x.slice(0, k),
    tx: tx.slice(0, k),
    T: T.slice(0, k),
    monetary: monetary.slice(0, k),
    firstDay: firstDay.slice(0, k),
    ...(xHoldout && { xHoldout: xHoldout.slice(0, k), holdoutValue: holdoutValue!.slice(0, k) }),
    endDay,
    ...(holdoutEndDay !== undefined && { holdoutEndDay }),
    unit,
  };
}

/** Row objects of columnar summaries, named by `nameOf(client code)`. */
export function summaryRows(columns: SummaryColumns, nameOf: (code: number) => string): CustomerSummaryRow[] {
  const out: CustomerSummaryRow[] = [];
  for (let i = 0; i < columns.length; i++) {
    out.push({
      client: nameOf(columns.client[i]),
      x: columns.x[i],
      t_x: columns.tx[i],
      T: columns.T[i],
      monetary: columns.monetary[i],
      ...(columns.xHoldout && { xHoldout: columns.xHoldout[i], holdoutValue: columns.holdoutValue![i] }),
    });
  }
  return out;
}

/** Per session row, its local epoch day (from the dataset's cached day buckets). */
export function sessionDays(dataset: Dataset): Int32Array {
  const derived = derivedColumns(dataset);
  return derived.memo('clv:sessionDays', () => {
    const buckets = derived.buckets('sessions', 'session_start', 'day');
    const out = new Int32Array(buckets.codes.length);
    if (buckets.count === 0) return out.fill(-2147483648);
    const base = Math.round(derived.calendar.toWall(buckets.bounds[0]) / DAY_MS);
    for (let i = 0; i < out.length; i++) out[i] = buckets.codes[i] < 0 ? -2147483648 : base + buckets.codes[i];
    return out;
  });
}

/** Options of `datasetCustomerSummary`. */
export interface DatasetSummaryOptions extends Omit<SummaryOptions, 'timeZone'> {
  /** Orders to use (default: every customer's orders, see `allCustomerOrders`). */
  readonly orders?: CustomerOrders;
}

/**
 * `customerSummary` over a Dataset's orders (sessions with a purchase; value = payment_amount,
 * days in the dataset's time zone). `calibrationEnd` / `asOf` default to the last order.
 */
export function datasetCustomerSummary(dataset: Dataset, options: DatasetSummaryOptions): CustomerSummaryRow[] {
  const columns = datasetSummaryColumns(dataset, options);
  const names = (dataset.sessions.columns.client as { dictionary: readonly string[] }).dictionary;
  return summaryRows(columns, (code) => names[code]);
}

/** The columnar form of `datasetCustomerSummary` (`client` = sessions.client codes). */
export function datasetSummaryColumns(dataset: Dataset, options: DatasetSummaryOptions): SummaryColumns {
  const derived = derivedColumns(dataset);
  const orders = options.orders ?? allCustomerOrders(derived);
  const day = sessionDays(dataset);
  const amount = derived.numbers('sessions', 'payment_amount', 0);
  const calendar = derived.calendar;
  const end = options.calibrationEnd ?? options.asOf;
  let endDay: number;
  if (end !== undefined) endDay = localDay(calendar, instantOf(end, calendar, options.calibrationEnd !== undefined ? 'calibrationEnd' : 'asOf'));
  else {
    endDay = -Infinity;
    for (let i = 0; i < orders.rows.length; i++) if (day[orders.rows[i]] > endDay) endDay = day[orders.rows[i]];
  }
  const holdoutEndDay = options.holdoutEnd === undefined ? undefined : localDay(calendar, instantOf(options.holdoutEnd, calendar, 'holdoutEnd'));
  return summarizeOrders(orders, day, amount, { unit: options.unit, endDay, holdoutEndDay });
}
