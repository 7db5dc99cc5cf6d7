import { calendarFor, importDataset, type CustomersMapping, type Dataset, type ImportInput, type LinesMapping, type MessagesMapping, type TableSource, type TimeOptions } from '@clvkit/core';
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
 * Synthetic sessions carry no promotion, dimension or basket (but for `marks`, below): the
 * server applied those clauses when it built the pages.
 *
 * `marks` (optional): orders known exactly from other pages (e.g. the first and last order of
 * each day under more clauses: "used promotion P", "holds product Q"), matched to the rebuilt
 * orders by client and time. A mark at the day's first or last order annotates that order; a
 * mark between them places one of the middle orders at its exact time with its payment and
 * discount (those are then no longer counted in `approximatedOrders`, and the rest of the day's
 * revenue is shared by the others). Marked orders carry the mark's promotion (`promotion_id`)
 * and products (one basket line each, in a `lines` table); with `marks` given, every session
 * has a `promotion_id` (missing when unmarked) and the dataset has a lines table. A mark
 * that matches no order of its day (none at that time, or more marks between than middle
 * orders) is left out and counted in `unmatchedMarks`. Two orders of one client at the same
 * millisecond are one order to a mark.
 *
 * `extent` (optional): the whole data's first and last session_start (`SummaryEnv.timeExtent`):
 * two sessions without an order of a synthetic client (`EXTENT_CLIENT`, after every real client)
 * stretch the rebuilt dataset to it, so analyses that keep windows inside the data, or read the
 * data range, see the same range as in memory.
 */
export interface TimelineInput {
  readonly time: TimeOptions;
  readonly activity: readonly CustomerDayRecord[];
  readonly customers?: readonly CustomerRecord[];
  readonly messages?: readonly MessageRecord[];
  readonly marks?: readonly OrderMark[];
  readonly extent?: readonly [number, number] | null;
}

/** The client of the sessions that stretch a timeline dataset to `TimelineInput.extent` (it has no order). */
export const EXTENT_CLIENT = '\u0000extent';

/** The rebuilt dataset and how many of its orders are placed, not known (see `TimelineInput`). */
export interface TimelineDataset {
  readonly dataset: Dataset;
  readonly approximatedOrders: number;
  /** Marks that matched no rebuilt order (0 without `marks`). */
  readonly unmatchedMarks: number;
}

/** One rebuilt session, as the importer reads it. */
export type TimelineSessionRow = {
  order_id: string;
  client: string;
  session_start: number;
  has_purchased: boolean;
  payment_amount: number;
  discount_amount: number;
  /** Only with marks: the marked promotion, null when unmarked. */
  promotion_id?: string | null;
};

/** One rebuilt basket line (only for marked products): the price is not known, so 0 (the importer requires one). */
export type TimelineLineRow = {
  order_id: string;
  product: string;
  price: number;
};

/**
 * The sessions of one activity row, appended to `out`; returns how many orders were placed
 * rather than known. With `marks` (that day's marks of that client, see `TimelineInput`), the
 * marked orders get their promotion (and, into `lines`, their products), and a marked middle
 * order its exact time, payment and discount; `result` (optional) receives the counts.
 */
export function sessionsOfDay(day: CustomerDayRecord, out: TimelineSessionRow[], marks?: readonly OrderMark[], lines?: TimelineLineRow[], result?: { unmatched: number }): number {
  const id = (k: number) => `${day.client}\u001f${day.day}\u001f${k}`;
  let k = 0;
  const withPromotion = marks !== undefined;
  const push = (at: number, purchased: boolean, payment: number, discount: number, mark?: OrderMark) => {
    const row: TimelineSessionRow = { order_id: id(k++), client: day.client, session_start: at, has_purchased: purchased, payment_amount: payment, discount_amount: discount };
    if (withPromotion) row.promotion_id = mark?.promotion ?? null;
    if (mark?.products && lines) for (const product of mark.products) lines.push({ order_id: row.order_id, product, price: 0 });
    out.push(row);
  };
  const m = day.orders;
  let approximated = 0;
  let unmatched = 0;
  if (m > 0) {
    const first = day.firstOrderAt ?? day.firstSessionAt;
    const last = day.lastOrderAt ?? first;
    const at = (t: number) => marks?.find((mark) => mark.at === t);
    const firstMark = at(first);
    const lastMark = m > 1 && last !== first ? at(last) : undefined;
    // marks strictly between the first and last order: middle orders known exactly
    const between = marks ? marks.filter((mark) => mark.at > first && mark.at < last) : [];
    const outside = marks ? marks.filter((mark) => mark.at !== first && mark.at !== last && !between.includes(mark)).length : 0;
    if (m === 1) {
      push(first, true, day.revenue, day.discount, firstMark);
      unmatched += outside + between.length;
    } else {
      const firstPay = day.firstOrderRevenue ?? day.revenue / m;
      const lastPay = day.lastOrderRevenue ?? day.revenue / m;
      const firstDiscount = day.firstOrderDiscount ?? day.discount / m;
      const lastDiscount = day.lastOrderDiscount ?? day.discount / m;
      const middle = m - 2;
      const known = between.slice(0, middle);
      unmatched += outside + between.length - known.length;
      push(first, true, firstPay, firstDiscount, firstMark);
      if (middle > 0) {
        approximated = middle - known.length;
        const knownPay = known.reduce((sum, mark) => sum + (mark.payment ?? 0), 0);
        const knownDiscount = known.reduce((sum, mark) => sum + (mark.discount ?? 0), 0);
        const pay = approximated > 0 ? Math.max(0, day.revenue - firstPay - lastPay - knownPay) / approximated : 0;
        const discount = approximated > 0 ? Math.max(0, day.discount - firstDiscount - lastDiscount - knownDiscount) / approximated : 0;
        const placed: { at: number; pay: number; discount: number; mark?: OrderMark }[] = known.map((mark) => ({ at: mark.at, pay: mark.payment ?? pay, discount: mark.discount ?? discount, mark }));
        for (let j = 1; j <= approximated; j++) placed.push({ at: first + ((last - first) * j) / (approximated + 1), pay, discount });
        placed.sort((a, b) => a.at - b.at);
        for (const p of placed) push(p.at, true, p.pay, p.discount, p.mark);
      }
      push(last, true, lastPay, lastDiscount, lastMark);
    }
  } else if (marks) unmatched += marks.length;
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
  if (result) result.unmatched += unmatched;
  return approximated;
}

/** Rebuilds the dataset of `input` (see `TimelineInput`). */
export async function timelineDataset(input: TimelineInput): Promise<TimelineDataset> {
  const sessions: TimelineSessionRow[] = [];
  const lines: TimelineLineRow[] = [];
  let approximatedOrders = 0;
  const counts = { unmatched: 0 };
  const marks = input.marks ? marksByDay(input.marks, input.time) : null;
  for (const day of input.activity) {
    if (!marks) {
      approximatedOrders += sessionsOfDay(day, sessions);
      continue;
    }
    const key = `${day.client}\u0000${day.day}`;
    approximatedOrders += sessionsOfDay(day, sessions, marks.get(key) ?? [], lines, counts);
    marks.delete(key);
  }
  // marks on days without activity (none under the pages' clauses) match nothing
  if (marks) for (const left of marks.values()) counts.unmatched += left.length;
  if (input.extent) {
    for (const at of input.extent) {
      const row: TimelineSessionRow = { order_id: `${EXTENT_CLIENT}\u001f${at}`, client: EXTENT_CLIENT, session_start: at, has_purchased: false, payment_amount: 0, discount_amount: 0 };
      if (marks) row.promotion_id = null;
      sessions.push(row);
    }
  }
  const tables: { -readonly [K in keyof ImportInput]: ImportInput[K] } = { sessions: { data: sessions, format: 'rows' } };
  // no marked product: an empty lines table still has its columns (a header), as a shop without those products has
  if (marks) tables.lines = (lines.length > 0 ? { data: lines, format: 'rows' } : { data: 'order_id,product,price\n', format: 'csv' }) as TableSource<LinesMapping>;
  if (input.customers && input.customers.length > 0) tables.customers = customersSource(input.customers) as TableSource<CustomersMapping>;
  if (input.messages && input.messages.length > 0) tables.messages = messagesSource(input.messages) as TableSource<MessagesMapping>;
  const { dataset } = await importDataset(tables, { timeZone: input.time.timeZone, weekStart: input.time.weekStart });
  return { dataset, approximatedOrders, unmatchedMarks: counts.unmatched };
}

/**
 * An order known exactly from other pages than the ones a timeline is rebuilt from (e.g. the
 * first or last order of a day under "used promotion P"), to be found among the rebuilt orders
 * by client and time and marked (see `TimelineInput.marks`).
 */
export interface OrderMark {
  readonly client: string;
  /** The order's session_start (epoch ms), exact. */
  readonly at: number;
  /** Its payment_amount and discount_amount when known (a marked middle order of a busy day takes them). */
  readonly payment?: number | null;
  readonly discount?: number | null;
  /** The promotion it used. */
  readonly promotion?: string;
  /** Products of its basket (one basket line each). */
  readonly products?: readonly string[];
}

/**
 * The marks grouped by client and local day (key `client \u0000 dayStart`, as the activity
 * rows are), sorted by time, with the marks of one client at one instant merged into one:
 * they are one order (its products together; the first promotion named).
 */
export function marksByDay(marks: readonly OrderMark[], time: TimeOptions): Map<string, OrderMark[]> {
  const calendar = calendarFor(time);
  const byOrder = new Map<string, OrderMark>();
  for (const mark of marks) {
    const key = `${mark.client}\u0000${mark.at}`;
    const seen = byOrder.get(key);
    if (!seen) {
      byOrder.set(key, mark);
      continue;
    }
    const products = [...(seen.products ?? []), ...(mark.products ?? []).filter((p) => !seen.products?.includes(p))];
    byOrder.set(key, {
      ...seen,
      promotion: seen.promotion ?? mark.promotion,
      payment: seen.payment ?? mark.payment,
      discount: seen.discount ?? mark.discount,
      ...(products.length > 0 ? { products } : {}),
    });
  }
  const out = new Map<string, OrderMark[]>();
  for (const mark of byOrder.values()) {
    const key = `${mark.client}\u0000${calendar.floor(mark.at, 'day')}`;
    const list = out.get(key);
    if (list) list.push(mark);
    else out.set(key, [mark]);
  }
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}
