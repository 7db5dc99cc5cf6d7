import { allOf, interval, isIn, prefix, present, Selection, type Clause, type Filter, type Predicate, type QuerySpec, type Resolution } from '@clvkit/core';
import { firstSessionStart, lastSessionStart, type OracleShop } from './oracle-shop.js';
import { mulberry32 } from '../../src/random.js';

/**
 * The interaction benchmark's dashboard (BRIEF5 "The interaction benchmark"): the eight
 * widget specs, a few more aggregates that exercise other paths of the engine, and a seeded
 * random sequence of selections that mimics a user brushing and clicking.
 */

/** A widget: its source id in the selection and its query. */
export interface Widget {
  readonly id: string;
  readonly spec: QuerySpec;
}

/** The eight linked widgets of the benchmark. */
export const WIDGETS: readonly Widget[] = [
  { id: 'time', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true } },
  { id: 'kpis', spec: { kind: 'analysis', name: 'kpis' } },
  { id: 'products', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: 10 } },
  { id: 'categories', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: 10 } },
  { id: 'dimension', spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue'] } },
  { id: 'status', spec: { kind: 'analysis', name: 'customer_status' } },
  { id: 'histogram', spec: { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 10 }], measures: ['orders'], where: [isIn('has_purchased', [true])] } },
  { id: 'hourly', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], fill: true } },
];

/** More aggregates over the same selection (they publish no clause): other tables, keys and measures. */
export const EXTRA_QUERIES: readonly Widget[] = [
  { id: 'x:lines-by-dimension', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'dimension' }], measures: ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue'] } },
  { id: 'x:lines-by-month', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'session_start', bucket: 'month' }, { field: 'has_purchased' }], measures: ['orders', 'sessions', 'lines', 'lineRevenue', 'buyers'] } },
  { id: 'x:weekly-people', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'week' }], measures: ['visitors', 'buyers', 'sessions', 'averageOrderValue'], fill: true } },
  { id: 'x:heatmap', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'dayOfWeek' }, { field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders', 'visitors', 'buyers'] } },
  { id: 'x:gender-baskets', spec: { kind: 'aggregate', groupBy: [{ field: 'customers.gender' }, { field: 'dimension' }], measures: ['orders', 'revenue', 'discount', 'quantity', 'lineRevenue', 'lines', 'buyers'] } },
  { id: 'x:totals', spec: { kind: 'aggregate', measures: ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue'] } },
  { id: 'x:bottom-categories', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }], measures: ['revenue', 'visitors'], orderBy: { measure: 'revenue', order: 'asc' }, limit: 5 } },
  { id: 'x:price-bins', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'price', step: 5 }], measures: ['lines', 'quantity'], where: [prefix('category', ['Grocery'])] } },
  { id: 'x:quantities', spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'quantity' }], measures: ['lines', 'orders'], orderBy: { measure: 'orders' } } },
  { id: 'x:monthly-aov', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'month' }], measures: ['averageOrderValue', 'orders'], orderBy: { measure: 'averageOrderValue', order: 'asc' }, fill: true } },
  { id: 'x:statuses', spec: { kind: 'aggregate', groupBy: [{ field: 'customer_status' }, { field: 'has_purchased' }], measures: ['sessions', 'visitors', 'revenue'] } },
];

/** The values a user can click, read from the reference shop. */
export interface ShopFacts {
  readonly products: readonly string[];
  /** Every category path and every prefix of one ("Home", "Home/Kitchen", "Home/Kitchen/Cookware"). */
  readonly categories: readonly string[];
  readonly dimensions: readonly string[];
  readonly genders: readonly string[];
  /** Local midnights from the first session's day to the day after the last one's. */
  readonly days: readonly number[];
  readonly first: number;
  readonly last: number;
  /** Number of occupied 10-wide payment bins (0 .. bins − 1). */
  readonly paymentBins: number;
  /** Values that occur in the data, for interval edges that fall exactly on a row. */
  readonly starts: readonly number[];
  readonly payments: readonly number[];
  readonly prices: readonly number[];
}

/** The clickable values of `shop`. */
export function factsOf(shop: OracleShop): ShopFacts {
  const distinct = (values: Iterable<unknown>) => [...new Set([...values].filter((v): v is string => typeof v === 'string'))].sort();
  const categories = new Set<string>();
  for (const l of shop.lines) {
    const parts = String(l.values.category ?? '').split('/');
    for (let k = 1; k <= parts.length; k++) if (parts[0]) categories.add(parts.slice(0, k).join('/'));
  }
  const first = firstSessionStart(shop.sessions)!;
  const last = lastSessionStart(shop.sessions)!;
  const days: number[] = [];
  for (let t = shop.time.bucketStart(first, 'day'); t <= last; t = shop.time.addDays(t, 1)) days.push(t);
  days.push(shop.time.addDays(last, 1));
  const maxPayment = Math.max(...shop.sessions.map((s) => (s.values.payment_amount as number) ?? 0));
  return {
    products: distinct(shop.lines.map((l) => l.values.product)),
    categories: [...categories].sort(),
    dimensions: distinct(shop.sessions.map((s) => s.values.dimension)),
    genders: distinct(shop.customers.map((c) => c.values.gender)),
    days,
    first,
    last,
    paymentBins: Math.floor(maxPayment / 10) + 1,
    starts: shop.sessions.map((s) => s.values.session_start as number),
    payments: shop.sessions.filter((s) => s.values.has_purchased).map((s) => s.values.payment_amount as number),
    prices: [...new Set(shop.lines.map((l) => l.values.price as number))],
  };
}

/** The seeded PRNG of the models (analytics' `mulberry32`), so a failing run can be replayed. */
export const seededRandom = mulberry32;

/** One state of the dashboard after an interaction. */
export interface DashboardState {
  /** Position in the sequence and what the user did. */
  readonly step: number;
  readonly kind: string;
  readonly resolution: Resolution;
  readonly clauses: readonly Clause[];
}

const MAX_CLAUSES = 4;
const CLICKABLE = ['products', 'categories', 'dimension', 'status', 'histogram'] as const;

/**
 * A seeded sequence of `count` dashboard states: brush jumps on the time chart (local-day
 * edges mostly; edges on sessions' exact start times, arbitrary instants and open ends
 * sometimes; clearing now and then), drags (the brush moved a few days per state), clicks on
 * bars (replace, shift-click add/remove, click again to clear), host controls (gender,
 * promotion present, a compound clause, lines-level price or quantity), Escape. At most four
 * clauses: beyond that the oldest is dropped.
 */
export function dashboardSequence(facts: ShopFacts, seed: number, count: number, resolution: Resolution = 'intersect'): DashboardState[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const selection = new Selection({ resolution: resolution === 'single' ? 'intersect' : resolution });
  const states: DashboardState[] = [];

  const brush = () => {
    const r = random();
    if (r < 0.06) return selection.clear('time');
    let lo: number;
    let hi: number;
    if (r < 0.72) {
      // Local-day edges, as the time chart snaps to its buckets: a random jump, not a small move.
      const a = Math.floor(random() * (facts.days.length - 1));
      const b = Math.floor(random() * (facts.days.length - 1));
      lo = facts.days[Math.min(a, b)];
      hi = facts.days[Math.max(a, b) + 1];
    } else if (r < 0.82) {
      // Edges exactly on sessions' start times: a row at lo is in, a row at hi is out.
      const a = pick(facts.starts);
      const b = pick(facts.starts);
      [lo, hi] = a < b ? [a, b] : [b, a];
    } else if (r < 0.94) {
      // Arbitrary instants, possibly outside the data.
      const span = facts.last - facts.first;
      lo = Math.round(facts.first - span * 0.05 + random() * span * 1.1);
      hi = lo + Math.round(random() * random() * span);
    } else {
      // A brush dragged past an end of the data.
      const mid = pick(facts.days);
      [lo, hi] = random() < 0.5 ? [-Infinity, mid] : [mid, Infinity];
    }
    selection.update({ source: 'time', predicate: interval('session_start', lo, hi) });
  };

  const click = () => {
    const widget = pick(CLICKABLE);
    const shift = random() < 0.35;
    const current = selection.clauseOf(widget)?.predicate;
    if (widget === 'histogram') {
      const k = Math.floor(random() * random() * facts.paymentBins);
      let [lo, hi] = [k * 10, k * 10 + 10];
      // Now and then a range between two amounts that occur (as a brushed histogram would give).
      if (random() < 0.15) [lo, hi] = [pick(facts.payments), pick(facts.payments)].sort((a, b) => a - b);
      if (current?.type === 'interval' && shift) {
        selection.update({ source: widget, predicate: interval('payment_amount', Math.min(lo, current.range[0]), Math.max(hi, current.range[1])) });
      } else if (current?.type === 'interval' && current.range[0] === lo && current.range[1] === hi) {
        selection.clear(widget);
      } else {
        selection.update({ source: widget, predicate: interval('payment_amount', lo, hi) });
      }
      return;
    }
    const value =
      widget === 'products' ? pick(facts.products) : widget === 'categories' ? pick(facts.categories) : widget === 'dimension' ? pick(facts.dimensions) : pick(['active', 'churned', 'long_gone']);
    const before = current && (current.type === 'in' || current.type === 'prefix') ? (current.values as string[]) : [];
    let values: string[];
    if (shift) values = before.includes(value) ? before.filter((v) => v !== value) : [...before, value];
    else values = before.length === 1 && before[0] === value ? [] : [value];
    if (values.length === 0) return selection.clear(widget);
    const field = widget === 'products' ? 'product' : widget === 'categories' ? 'category' : widget === 'dimension' ? 'dimension' : 'customer_status';
    selection.update({ source: widget, predicate: widget === 'categories' ? prefix(field, values) : isIn(field, values) });
  };

  const host = () => {
    const r = random();
    let predicate: Predicate;
    if (r < 0.25) predicate = isIn(random() < 0.5 ? 'customers.gender' : 'gender', [pick(facts.genders), ...(random() < 0.3 ? [pick(facts.genders)] : [])]);
    else if (r < 0.45) predicate = present('promotion_id', random() < 0.5);
    else if (r < 0.65) predicate = allOf([isIn('dimension', [pick(facts.dimensions)]), prefix('category', [pick(facts.categories)])]);
    else if (r < 0.8) {
      const a = Math.floor(random() * (facts.days.length - 1));
      predicate = allOf([interval('session_start', facts.days[a], facts.days[Math.min(facts.days.length - 1, a + 60)]), isIn('has_purchased', [true])]);
    } else if (r < 0.9) {
      const [a, b] = [pick(facts.prices), pick(facts.prices)].sort((x, y) => x - y);
      predicate = random() < 0.5 ? interval('price', a, b) : interval('price', Math.floor(random() * 40), 40 + Math.floor(random() * 60));
    }
    else predicate = isIn('quantity', random() < 0.5 ? [1] : [2, 3]);
    if (random() < 0.15) return selection.clear('host');
    selection.update({ source: 'host', predicate });
  };

  /** A drag: the brush (or a new one) moved a few local days at a time over several states. */
  const drag = (push: (kind: string) => void) => {
    const current = selection.clauseOf('time')?.predicate;
    let a = Math.floor(random() * (facts.days.length - 2));
    let width = 1 + Math.floor(random() * 30);
    if (current?.type === 'interval') {
      const found = facts.days.indexOf(current.range[0]);
      const end = facts.days.indexOf(current.range[1]);
      if (found >= 0 && end > found) [a, width] = [found, end - found];
    }
    const direction = random() < 0.5 ? -1 : 1;
    for (let moves = 3 + Math.floor(random() * 4); moves > 0 && states.length < count; moves--) {
      a = Math.max(0, Math.min(facts.days.length - 1 - width, a + direction * (1 + Math.floor(random() * 3))));
      selection.update({ source: 'time', predicate: interval('session_start', facts.days[a], facts.days[a + width]) });
      push('drag');
    }
  };

  const push = (kind: string) => {
    while (selection.value.length > MAX_CLAUSES) selection.clear(selection.value[0].source);
    states.push({ step: states.length, kind, resolution, clauses: selection.value });
  };
  while (states.length < count) {
    const r = random();
    if (r < 0.03) {
      selection.clear();
      push('escape');
    } else if (r < 0.33) {
      brush();
      push('brush');
    } else if (r < 0.41) {
      drag(push);
    } else if (r < 0.78) {
      click();
      push('click');
    } else if (r < 0.9) {
      brush();
      click();
      push('mixed');
    } else {
      host();
      push('host');
    }
  }
  return states;
}

/**
 * Hand-picked selections at the edges of the semantics, each clause from a source of its own
 * (so every widget sees all of them): an empty value list, repeated
 * and reordered values, a qualified field name, overlapping and empty brushes, a one-day brush,
 * a brush inside a compound clause (not a period), nested category prefixes, every status and
 * none, non-purchases, infinite ranges, two clauses on one field, a brush open to the end.
 * All under intersect resolution, the overlapping ones also under union.
 */
export function edgeStates(facts: ShopFacts, first: number): DashboardState[] {
  const d = facts.days;
  const at = (k: number) => d[Math.min(d.length - 1, k)];
  const [p1, p2] = [facts.products[1], facts.products[3]];
  const [top] = facts.categories;
  const nested = facts.categories.find((c) => c.startsWith(`${top}/`)) ?? top;
  const sets: Predicate[][] = [
    [isIn('product', [])],
    [isIn('product', [p2, p1, p2]), isIn('product', [p1, p2])],
    [interval('sessions.session_start', at(100), at(200))],
    [interval('session_start', at(100), at(200)), interval('session_start', at(150), at(300)), isIn('dimension', [facts.dimensions[0]])],
    [interval('session_start', at(300), at(200))],
    [interval('session_start', at(100), at(101)), prefix('category', [top])],
    [interval('session_start', at(100), at(200)), allOf([interval('session_start', at(150), at(400)), present('promotion_id', true)])],
    [prefix('category', [top]), prefix('category', [nested])],
    [isIn('customer_status', ['active', 'churned', 'long_gone']), interval('payment_amount', -Infinity, Infinity)],
    [present('customer_status', false), isIn('has_purchased', [false])],
    [interval('session_start', -Infinity, Infinity), isIn('dimension', [facts.dimensions[0]]), isIn('dimension', [facts.dimensions[1]])],
    [interval('session_start', at(d.length - 90), Infinity), isIn('customer_status', ['long_gone'])],
  ];
  // Union: the sets whose clauses overlap or conflict, where OR differs most from AND.
  const union = new Set([1, 3, 7, 9, 10, 11]);
  const states: DashboardState[] = [];
  for (const resolution of ['intersect', 'union'] as const) {
    sets.forEach((predicates, n) => {
      if (resolution === 'union' && !union.has(n)) return;
      const clauses = predicates.map((predicate, k) => ({ source: `edge:${k}`, predicate }));
      states.push({ step: first + states.length, kind: 'edge', resolution, clauses });
    });
  }
  return states;
}

/** The filter widget `id` applies in `state`: every clause but its own, combined per the resolution. */
export function filterFor(state: DashboardState, id: string): Filter {
  const selection = new Selection({ resolution: state.resolution });
  selection.set(state.clauses);
  return selection.filterFor(id);
}
