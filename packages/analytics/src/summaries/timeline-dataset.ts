import { importDataset, type CustomersMapping, type Dataset, type ImportInput, type MessagesMapping, type TableSource, type TimeOptions } from '@clvkit/core';
import { customersSource, messagesSource } from './customer-sources.js';
import type { CustomerDayRecord, CustomerRecord, MessageRecord } from './types.js';

/**
 * A timeline dataset: the small in-memory `Dataset` a remote source's worker rebuilds from
 * aggregated pages (customer-day activity, and the customers and messages indices), so the
 * registry's own per-customer analyses (cohorts, lifecycle, status trend, churn series,
 * journey, ...) run on it unchanged instead of being written twice.
 *
 * Each activity row (one customer, one local day) becomes that day's sessions: its orders at
 * their times with their payments and discounts, and its other sessions. A day with one or
 * two orders is rebuilt exactly (the page carries the first and last order of the day). A day
 * with three or more orders keeps its exact count, revenue, discount, first and last order;
 * the orders between are placed evenly between the first and last and share the rest of the
 * day's revenue and discount equally: `approximatedOrders` counts them. Sessions without an
 * order sit at the day's first and last session times (exact), the rest at the first.
 * Synthetic sessions carry no promotion, dimension or basket: the server applied those
 * clauses when it built the pages.
 */
export interface TimelineInput {
  readonly time: TimeOptions;
  readonly activity: readonly CustomerDayRecord[];
  readonly customers?: readonly CustomerRecord[];
  readonly messages?: readonly MessageRecord[];
}

/** The rebuilt dataset and how many of its orders are placed, not known (see `TimelineInput`). */
export interface TimelineDataset {
  readonly dataset: Dataset;
  readonly approximatedOrders: number;
}

/** One rebuilt session, as the importer reads it. */
export interface TimelineSessionRow {
  order_id: string;
  client: string;
  session_start: number;
  has_purchased: boolean;
  payment_amount: number;
  discount_amount: number;
}

/** The sessions of one activity row, appended to `out`; returns how many orders were placed rather than known. */
export function sessionsOfDay(day: CustomerDayRecord, out: TimelineSessionRow[]): number {
  const id = (k: number) => `${day.client}\u001f${day.day}\u001f${k}`;
  let k = 0;
  const push = (at: number, purchased: boolean, payment: number, discount: number) => {
    out.push({ order_id: id(k++), client: day.client, session_start: at, has_purchased: purchased, payment_amount: payment, discount_amount: discount });
  };
  const m = day.orders;
  let approximated = 0;
  if (m > 0) {
    const first = day.firstOrderAt ?? day.firstSessionAt;
    const last = day.lastOrderAt ?? first;
    if (m === 1) {
      push(first, true, day.revenue, day.discount);
    } else {
      const firstPay = day.firstOrderRevenue ?? day.revenue / m;
      const lastPay = day.lastOrderRevenue ?? day.revenue / m;
      const firstDiscount = day.firstOrderDiscount ?? day.discount / m;
      const lastDiscount = day.lastOrderDiscount ?? day.discount / m;
      const middle = m - 2;
      push(first, true, firstPay, firstDiscount);
      if (middle > 0) {
        approximated = middle;
        const pay = Math.max(0, day.revenue - firstPay - lastPay) / middle;
        const discount = Math.max(0, day.discount - firstDiscount - lastDiscount) / middle;
        for (let j = 1; j <= middle; j++) push(first + ((last - first) * j) / (middle + 1), true, pay, discount);
      }
      push(last, true, lastPay, lastDiscount);
    }
  }
  let others = day.sessions - m;
  if (others > 0 && (m === 0 || day.firstSessionAt < (day.firstOrderAt ?? Infinity))) {
    push(day.firstSessionAt, false, 0, 0);
    others--;
  }
  if (others > 0 && (m === 0 || day.lastSessionAt > (day.lastOrderAt ?? -Infinity))) {
    push(day.lastSessionAt, false, 0, 0);
    others--;
  }
  for (; others > 0; others--) push(day.firstSessionAt, false, 0, 0);
  return approximated;
}

/** Rebuilds the dataset of `input` (see `TimelineInput`). */
export async function timelineDataset(input: TimelineInput): Promise<TimelineDataset> {
  const sessions: TimelineSessionRow[] = [];
  let approximatedOrders = 0;
  for (const day of input.activity) approximatedOrders += sessionsOfDay(day, sessions);
  const tables: { -readonly [K in keyof ImportInput]: ImportInput[K] } = { sessions: { data: sessions, format: 'rows' } };
  if (input.customers && input.customers.length > 0) tables.customers = customersSource(input.customers) as TableSource<CustomersMapping>;
  if (input.messages && input.messages.length > 0) tables.messages = messagesSource(input.messages) as TableSource<MessagesMapping>;
  const { dataset } = await importDataset(tables, { timeZone: input.time.timeZone, weekStart: input.time.weekStart });
  return { dataset, approximatedOrders };
}
