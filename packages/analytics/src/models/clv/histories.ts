import { calendarFor } from '@clvkit/core';
import type { CustomerOrders } from '../../customer-orders.js';
import type { TransactionHistory } from './sequence-model.js';
import { customerSummaryColumns, instantOf, localDay, UNIT_DAYS, type OrderRecord, type SummaryColumns, type SummaryOptions } from './summary.js';

/** Transaction histories of the customers of a summary, for the sequence model. */
export interface Histories {
  /** Row i is the customer of summary row i. */
  readonly histories: TransactionHistory[];
  /** Calibration end, in the unit from the origin (the earliest first transaction). */
  readonly end: number;
  /** Holdout length in the unit (when the summary has a holdout). */
  readonly holdoutLength?: number;
}

/**
 * Per summary row, the customer's calibration transactions (purchases of a day merged, valued
 * at their sum, as in the summary) as times in the summary's unit from the earliest first
 * transaction of all rows. `day[row]` / `amount[row]` read order row `row`.
 */
export function historiesOf(orders: CustomerOrders, day: ArrayLike<number>, amount: ArrayLike<number>, summary: SummaryColumns): Histories {
  const u = UNIT_DAYS[summary.unit];
  let origin = Infinity;
  for (let i = 0; i < summary.length; i++) origin = Math.min(origin, summary.firstDay[i]);
  if (!Number.isFinite(origin)) origin = summary.endDay;
  const histories: TransactionHistory[] = [];
  for (let i = 0; i < summary.length; i++) {
    const c = summary.client[i];
    const times: number[] = [];
    const amounts: number[] = [];
    let previous = Number.NaN;
    for (let k = orders.starts[c]; k < orders.starts[c + 1]; k++) {
      const row = orders.rows[k];
      const d = day[row];
      if (d > summary.endDay) break;
      const a = amount[row];
      const value = a === a ? a : 0;
      if (d === previous) amounts[amounts.length - 1] += value;
      else {
        times.push((d - origin) / u);
        amounts.push(value);
      }
      previous = d;
    }
    histories.push({ times, amounts });
  }
  const holdoutLength = summary.holdoutEndDay === undefined ? undefined : (summary.holdoutEndDay - summary.endDay) / u;
  return { histories, end: (summary.endDay - origin) / u, ...(holdoutLength !== undefined && { holdoutLength }) };
}

/**
 * Histories of a plain order list (rows in the order of `customerSummary(orders, options)`),
 * with that summary for the holdout counts.
 */
export function transactionHistories(orders: readonly OrderRecord[], options: SummaryOptions): Histories & { readonly summary: SummaryColumns & { readonly clientNames: readonly string[] } } {
  const summary = customerSummaryColumns(orders, options);
  // Rebuild the grouped, day-ordered index customerSummaryColumns used.
  const codeOf = new Map(summary.clientNames.map((name, c) => [name, c]));
  const day = new Float64Array(orders.length);
  const amount = new Float64Array(orders.length);
  const code = new Int32Array(orders.length);
  const { calendarDay } = summaryCalendar(options);
  orders.forEach((o, i) => {
    code[i] = codeOf.get(o.client)!;
    day[i] = calendarDay(o.at, i);
    amount[i] = Number.isFinite(o.amount) ? o.amount : 0;
  });
  const index = Array.from(orders, (_, i) => i).sort((i, j) => code[i] - code[j] || day[i] - day[j] || i - j);
  const starts = new Int32Array(summary.clientNames.length + 1);
  for (let i = 0; i < orders.length; i++) starts[code[i] + 1]++;
  for (let c = 0; c < summary.clientNames.length; c++) starts[c + 1] += starts[c];
  const grouped: CustomerOrders = { rows: Int32Array.from(index), starts, clients: summary.clientNames.length, start: new Float64Array(0) };
  return { ...historiesOf(grouped, day, amount, summary), summary };
}

function summaryCalendar(options: SummaryOptions) {
  const calendar = calendarFor({ timeZone: options.timeZone ?? 'UTC' });
  return { calendarDay: (at: OrderRecord['at'], i: number) => localDay(calendar, instantOf(at, calendar, `orders[${i}].at`)) };
}
