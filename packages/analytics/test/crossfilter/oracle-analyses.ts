import { interval, type Filter, type Predicate, type Row } from '@clvkit/core';
import { aggregateUnder } from './oracle-aggregate.js';
import { resolve, sessionsPassing } from './oracle-filter.js';
import { classify, firstSessionStart, lastSessionStart, type OracleShop } from './oracle-shop.js';

/**
 * The two analyses of the dashboard, from their doc comments (analyses/kpis.ts,
 * analyses/customers/customer-status.ts) and SPEC.md "KPIs" / "Customer status and churn",
 * over the reference aggregate and plain loops.
 */

type Range = [number, number];

/** The period of a filter (analytics README "Analyses"): its session_start intervals or the data range. */
export interface OraclePeriod {
  readonly range: Range | null;
  readonly previous: Range | null;
  readonly fromFilter: boolean;
  readonly rest: Filter;
}

/** From the start of the first session's local day to the start of the day after the last session's. */
function dataRange(shop: OracleShop): Range | null {
  const first = firstSessionStart(shop.sessions);
  const last = lastSessionStart(shop.sessions);
  if (first === null || last === null) return null;
  return [shop.time.bucketStart(first, 'day'), shop.time.addDays(last, 1)];
}

/**
 * With an `and` filter (or a single predicate), the top-level intervals on session_start,
 * intersected, open ends clipped to the data range; the rest of the filter applies. Else the
 * data range. The previous period ends where the period starts and is as long: in calendar
 * days when both ends are local midnights, else in milliseconds.
 */
export function oraclePeriod(shop: OracleShop, filter: Filter): OraclePeriod {
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const isStartInterval = (p: Predicate) => {
    if (p.type !== 'interval') return false;
    const field = resolve(shop, p.field);
    return field.table === 'sessions' && field.column === 'session_start';
  };
  const intervals = isAnd ? filter.predicates.filter(isStartInterval) : [];
  let range: Range | null;
  let rest = filter;
  if (intervals.length > 0) {
    let lo = -Infinity;
    let hi = Infinity;
    for (const p of intervals) {
      if (p.type !== 'interval') continue;
      lo = Math.max(lo, p.range[0]);
      hi = Math.min(hi, p.range[1]);
    }
    const data = dataRange(shop);
    if (!Number.isFinite(lo) && data) lo = data[0];
    if (!Number.isFinite(hi) && data) hi = data[1];
    range = [lo, Math.max(lo, hi)];
    rest = { mode: 'and', predicates: filter.predicates.filter((p) => !intervals.includes(p)) };
  } else {
    range = dataRange(shop);
  }
  let previous: Range | null = null;
  if (range) {
    const [lo, hi] = range;
    const { time } = shop;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) previous = [lo, lo];
    else if (time.bucketStart(lo, 'day') === lo && time.bucketStart(hi, 'day') === hi) previous = [time.addDays(lo, -time.daysBetween(lo, hi)), lo];
    else previous = [lo - (hi - lo), lo];
  }
  return { range, previous, fromFilter: intervals.length > 0, rest };
}

const KPI_ORDER = ['orders', 'revenue', 'discount', 'sessions', 'visitors', 'buyers', 'averageOrderValue', 'averageBasketSize', 'purchaseFrequency', 'conversion', 'historicalClv', 'quantity'] as const;

type Kpis = Record<(typeof KPI_ORDER)[number], number | null>;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The KPIs over one range under the rest of the filter (SPEC "KPIs"; quantity = Σ quantity of
 * the orders' basket lines passing the filter). The range is a second filter ANDed with the
 * rest, so it never joins an `or`.
 */
function kpisOver(shop: OracleShop, range: Range, rest: Filter): Kpis {
  const [t] = aggregateUnder(
    shop,
    { kind: 'aggregate', measures: ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity'] },
    [rest, { mode: 'and', predicates: [interval('session_start', range[0], range[1])] }],
  ).rows;
  // No group key: one group, present only when a session passed.
  const n = (m: string) => (t ? (t[m] as number) : 0);
  const orders = n('orders');
  const revenue = n('revenue');
  const buyers = n('buyers');
  const quantity = n('quantity');
  return {
    orders,
    revenue,
    discount: n('discount'),
    sessions: n('sessions'),
    visitors: n('visitors'),
    buyers,
    averageOrderValue: ratio(revenue, orders),
    averageBasketSize: ratio(quantity, orders),
    purchaseFrequency: ratio(orders, buyers),
    conversion: ratio(orders, n('sessions')),
    historicalClv: ratio(revenue, buyers),
    quantity,
  };
}

/** (value − previous) / previous × 100; null when either is null or previous is 0. */
function change(value: number | null, previous: number | null): number | null {
  return value === null || previous === null || previous === 0 ? null : ((value - previous) / previous) * 100;
}

/** The `kpis` analysis: rows `{ metric, value, previous, change }`, meta `{ period, previousPeriod }`. */
export function oracleKpis(shop: OracleShop, filter: Filter): { rows: Row[]; meta: Record<string, unknown> } {
  const period = oraclePeriod(shop, filter);
  const current = period.range ? kpisOver(shop, period.range, period.rest) : null;
  const before = period.previous ? kpisOver(shop, period.previous, period.rest) : null;
  const rows = KPI_ORDER.map((metric) => {
    const value = current ? current[metric] : null;
    const previous = before ? before[metric] : null;
    return { metric, value, previous, change: change(value, previous) };
  });
  return { rows, meta: { period: period.range, previousPeriod: period.previous } };
}

/**
 * The `customer_status` analysis with default params: orders passing the filter without its
 * session_start intervals, placed by asOf (and before the brushed range's end); asOf = the
 * brushed range's end clipped to the last session_start, else the last session_start. A
 * buyer's last such order L decides: active L ≥ asOf − 3 months, churned L ≥ asOf − 6 months,
 * else long gone; revenue = Σ payment of the counted orders.
 */
export function oracleCustomerStatus(shop: OracleShop, filter: Filter): { rows: Row[]; meta: Record<string, unknown> } {
  const period = oraclePeriod(shop, filter);
  const last = lastSessionStart(shop.sessions);
  let asOf: number | null = null;
  let before = Infinity;
  if (last !== null) {
    if (period.fromFilter && period.range) {
      asOf = Math.min(period.range[1], last);
      before = period.range[1];
    } else asOf = last;
  }
  const statuses = ['active', 'churned', 'long_gone'] as const;
  const customers = { active: 0, churned: 0, long_gone: 0 };
  const revenue = { active: 0, churned: 0, long_gone: 0 };
  let activeSince: number | null = null;
  let longGoneBefore: number | null = null;
  if (asOf !== null) {
    activeSince = shop.time.monthsBack(asOf, 3);
    longGoneBefore = shop.time.monthsBack(asOf, 6);
    const byClient = new Map<string, { last: number; revenue: number }>();
    for (const s of sessionsPassing(shop, [period.rest])) {
      const t = s.values.session_start as number | null;
      if (!s.values.has_purchased || t === null || s.values.client === null || !(t <= asOf && t < before)) continue;
      const c = byClient.get(s.values.client as string) ?? { last: -Infinity, revenue: 0 };
      c.last = Math.max(c.last, t);
      c.revenue += (s.values.payment_amount as number | null) ?? 0;
      byClient.set(s.values.client as string, c);
    }
    for (const { last: l, revenue: r } of byClient.values()) {
      const status = classify(l, activeSince, longGoneBefore);
      customers[status]++;
      revenue[status] += r;
    }
  }
  const buyers = customers.active + customers.churned + customers.long_gone;
  const rows = statuses.map((status) => ({ status, customers: customers[status], share: buyers > 0 ? customers[status] / buyers : null, revenue: revenue[status] }));
  return { rows, meta: { asOf, activeSince, longGoneBefore, buyers, revenue: revenue.active + revenue.churned + revenue.long_gone } };
}
