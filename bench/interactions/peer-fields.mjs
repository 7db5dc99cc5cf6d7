/**
 * The semantics of the eight widgets for the peer libraries, written independently of clvkit's
 * code from its documented rules (so the correctness check compares two implementations):
 *
 * - time zone UTC (the sample shop's default; prepare.ts checks it): a day starts at a multiple
 *   of 86,400,000 ms, hour of day = floor(t / 3,600,000) mod 24;
 * - orders = sessions with has_purchased; revenue = Σ payment of orders;
 * - a basket-line predicate (product, category prefix) keeps a session when ANY of its lines
 *   passes, and keeps a line when the line itself passes; a session predicate keeps a line
 *   through its order;
 * - `customer_status` (the filterable field): the customer's status as of the last
 *   session_start of the data from all their orders (active: last order >= asOf - 3 months,
 *   churned: >= asOf - 6 months, else long gone; months shift the UTC wall clock and clamp the
 *   day of month); missing for customers without an order;
 * - the status donut (analysis `customer_status`): orders passing every clause but the brush
 *   and the donut's own, placed by asOf (asOf = min(brush end, last session_start), and before
 *   the brush end; without a brush asOf = last session_start); status from the last of them;
 *   revenue = Σ their payments;
 * - KPIs: period = the brush, else from the first session's day start to the end of the last
 *   session's day; previous period = the same number of days before it; visitors / buyers are
 *   distinct clients with a session / an order.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Status values, in the donut's order (index = status code). */
export const STATUSES = ['active', 'churned', 'long_gone'];

/**
 * `ms` moved back `months` calendar months in UTC, keeping the wall time and clamping the day
 * of month to the target month's length (31 May - 3 months = 28/29 February).
 */
export function monthsBefore(ms, months) {
  const d = new Date(ms);
  const timeOfDay = ms - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), last)) + timeOfDay;
}

/** The status code (0 active, 1 churned, 2 long gone) of a last order at `last`, as of `asOf`. */
export function statusAt(last, asOf) {
  return last >= monthsBefore(asOf, 3) ? 0 : last >= monthsBefore(asOf, 6) ? 1 : 2;
}

/** Cuts of `statusAt` at `asOf`, for classifying many customers at once. */
export function statusCutsAt(asOf) {
  return { active: monthsBefore(asOf, 3), longGone: monthsBefore(asOf, 6) };
}

/** First and last session_start. */
export function extentOf(start) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < start.length; i++) {
    const t = start[i];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}

/**
 * Per session, its customer's status code as of the data's end (-1 without an order).
 * @param {Float64Array} start session_start
 * @param {Uint8Array} purchased has_purchased
 * @param {Int32Array} client client code
 * @param {number} clients number of client codes
 */
export function sessionStatuses(start, purchased, client, clients) {
  const last = new Float64Array(clients).fill(-Infinity);
  for (let i = 0; i < start.length; i++) {
    const c = client[i];
    if (purchased[i] && c >= 0 && start[i] > last[c]) last[c] = start[i];
  }
  const asOf = extentOf(start)[1];
  const cuts = statusCutsAt(asOf);
  const perClient = new Int8Array(clients);
  for (let c = 0; c < clients; c++) perClient[c] = last[c] === -Infinity ? -1 : last[c] >= cuts.active ? 0 : last[c] >= cuts.longGone ? 1 : 2;
  const out = new Int8Array(start.length);
  for (let i = 0; i < start.length; i++) out[i] = client[i] >= 0 ? perClient[client[i]] : -1;
  return out;
}

/**
 * The KPI periods for a brush `[lo, hi)` (or null: the whole data range).
 * @returns {{ range: [number, number], previous: [number, number] }}
 */
export function kpiPeriods(brush, extent) {
  const range = brush ? [brush[0], brush[1]] : [Math.floor(extent[0] / DAY) * DAY, Math.floor(extent[1] / DAY) * DAY + DAY];
  const days = Math.round((range[1] - range[0]) / DAY);
  return { range, previous: [range[0] - days * DAY, range[0]] };
}

/** The as-of instant and exclusive bound of the status donut for a brush (or null). */
export function donutAsOf(brush, extent) {
  return brush ? { asOf: Math.min(brush[1], extent[1]), before: brush[1] } : { asOf: extent[1], before: Infinity };
}

/**
 * KPI rows (metric, value, previous, change) from the additive and distinct measures of the
 * two periods, in clvkit's metric order.
 */
export function kpiRows(current, previous) {
  const metrics = (t) => {
    const ratio = (a, b) => (b > 0 ? a / b : null);
    return {
      orders: t.orders,
      revenue: t.revenue,
      discount: t.discount,
      sessions: t.sessions,
      visitors: t.visitors,
      buyers: t.buyers,
      averageOrderValue: ratio(t.revenue, t.orders),
      averageBasketSize: ratio(t.quantity, t.orders),
      purchaseFrequency: ratio(t.orders, t.buyers),
      conversion: ratio(t.orders, t.sessions),
      historicalClv: ratio(t.revenue, t.buyers),
      quantity: t.quantity,
    };
  };
  const a = metrics(current);
  const b = metrics(previous);
  return Object.keys(a).map((metric) => ({ metric, value: a[metric], previous: b[metric], change: a[metric] === null || b[metric] === null || b[metric] === 0 ? null : ((a[metric] - b[metric]) / b[metric]) * 100 }));
}

/** Donut rows from customers and revenue per status code. */
export function statusRows(customers, revenue) {
  const buyers = customers[0] + customers[1] + customers[2];
  return STATUSES.map((status, s) => ({ status, customers: customers[s], share: buyers > 0 ? customers[s] / buyers : null, revenue: revenue[s] }));
}

/** Day rows from first to last non-empty day (clvkit's `fill`), `{ session_start, orders, revenue }`. */
export function filledDays(byDay) {
  const days = [...byDay.keys()].sort((a, b) => a - b);
  if (days.length === 0) return [];
  const out = [];
  for (let d = days[0]; d <= days[days.length - 1]; d++) {
    const v = byDay.get(d);
    out.push({ session_start: d * DAY, orders: v ? v.orders : 0, revenue: v ? v.revenue : 0 });
  }
  return out;
}

/**
 * Top rows by lineRevenue descending, ties by key ascending (code point), first `limit`.
 * @param {{ key: string, orders: number, quantity: number, lineRevenue: number }[]} rows
 */
export function topRows(rows, field, limit) {
  rows.sort((a, b) => b.lineRevenue - a.lineRevenue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.slice(0, limit).map((r) => ({ [field]: r.key, orders: r.orders, quantity: r.quantity, lineRevenue: r.lineRevenue }));
}
