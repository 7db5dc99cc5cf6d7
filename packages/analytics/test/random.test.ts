import { describe, expect, it } from 'vitest';
import { calendarFor, interval, isIn, prefix, type AggregateSpec, type Bucket, type Calendar, type Dataset, type Filter, type GroupKey, type Measure, type Predicate, type FieldPredicate, type Row } from '@clvkit/core';
import { runQuery } from '../src/index.js';
import { distinctCounting } from '../src/measures.js';
import { buildDataset, type CustomerSpec, type LineSpec, type SessionSpec } from './helpers.js';
import { mulberry32 } from '../src/random.js';

/**
 * Randomised check: the typed-array aggregate against a naive row-by-row reference written
 * here (plain objects, string comparisons, Sets for distinct counts), over random datasets,
 * time zones, week starts, filters and specs.
 */

const rng = mulberry32;

interface World {
  sessions: SessionSpec[];
  lines: LineSpec[];
  customers: CustomerSpec[];
  dataset: Dataset;
  calendar: Calendar;
}

const PRODUCTS = ['p0', 'p1', 'p2', 'p3', 'p4'];
const CATEGORIES = ['x', 'x/y', 'x/y/z', 'x/z', 'w', 'xy', null];
const DIMENSIONS = ['a', 'b', 'c', null];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

function makeWorld(random: () => number): World {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const clients = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => `c${i}`);
  const base = Date.parse('2024-03-20T00:00:00Z'); // spans the March DST switches
  const span = 25 * 86_400_000;
  const sessions: SessionSpec[] = Array.from({ length: Math.floor(random() * 80) }, (_, i) => {
    const purchased = random() < 0.6;
    return {
      id: `s${i}`,
      client: pick(clients),
      start: new Date(base + Math.floor(random() * span / 60_000) * 60_000).toISOString(),
      purchased,
      payment: purchased ? Math.floor(random() * 200) : 0,
      discount: purchased && random() < 0.3 ? Math.floor(random() * 20) : 0,
      promotion: pick(['P1', 'P2', null, null]),
      dimension: pick(DIMENSIONS),
    };
  });
  const lines: LineSpec[] = [];
  for (const s of sessions) {
    const n = Math.floor(random() * 4);
    for (let k = 0; k < n; k++) {
      lines.push({ order: s.id, product: pick(PRODUCTS), category: pick(CATEGORIES), price: 1 + Math.floor(random() * 50), quantity: 1 + Math.floor(random() * 3) });
    }
  }
  if (random() < 0.5) {
    // Interleave the orders' lines (an export need not keep an order's lines together).
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
  }
  const customers = clients.filter(() => random() < 0.9).map((client) => ({ client, gender: pick(['f', 'm', null]) }));
  const time = { timeZone: pick(ZONES), weekStart: Math.floor(random() * 7) };
  const dataset = buildDataset({ sessions, lines, customers, time });
  return { sessions, lines, customers, dataset, calendar: calendarFor(time) };
}

function subset<T>(random: () => number, xs: readonly T[]): T[] {
  return xs.filter(() => random() < 0.4);
}

function randomPredicate(random: () => number): Predicate {
  const t0 = Date.parse('2024-03-18T00:00:00Z');
  switch (Math.floor(random() * 8)) {
    case 0: return isIn('dimension', subset(random, ['a', 'b', 'c']));
    case 1: return isIn('product', subset(random, PRODUCTS));
    case 2: return prefix('category', subset(random, ['x', 'x/y', 'w', 'z']));
    case 3: return isIn('customers.gender', subset(random, ['f', 'm']));
    case 4: {
      const lo = Math.floor(random() * 150);
      return interval('payment_amount', lo, lo + Math.floor(random() * 100));
    }
    case 5: {
      const lo = t0 + random() * 20 * 86_400_000;
      return interval('session_start', lo, lo + random() * 15 * 86_400_000);
    }
    case 6: return isIn('has_purchased', [random() < 0.5]);
    default: return interval('price', Math.floor(random() * 30), 30 + Math.floor(random() * 30));
  }
}

// ---- the naive reference -------------------------------------------------------------------

type SessionRow = SessionSpec & { index: number; lines: LineSpec[]; gender: string | null | undefined; hasCustomer: boolean };

function reference(world: World, spec: AggregateSpec, filter: Filter): Row[] {
  const { calendar } = world;
  const customerOf = new Map(world.customers.map((c) => [c.client, c]));
  const sessions: SessionRow[] = world.sessions.map((s, index) => ({
    ...s,
    index,
    lines: world.lines.filter((l) => l.order === s.id),
    gender: customerOf.get(s.client)?.gender,
    hasCustomer: customerOf.has(s.client),
  }));
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const where: Filter = { mode: 'and', predicates: spec.where ?? [] };

  const lineTest = (p: FieldPredicate, l: LineSpec): boolean => {
    const v = p.field === 'product' ? l.product : p.field === 'category' ? l.category ?? null : p.field === 'price' ? l.price : undefined;
    return testValue(p, v ?? null);
  };
  const sessionValue = (p: FieldPredicate, s: SessionRow): string | number | boolean | null => {
    switch (p.field) {
      case 'dimension': return s.dimension ?? null;
      case 'promotion_id': return s.promotion ?? null;
      case 'payment_amount': return s.payment ?? 0;
      case 'session_start': return Date.parse(s.start);
      case 'has_purchased': return s.purchased ?? true;
      case 'customers.gender': return s.hasCustomer ? s.gender ?? null : null;
      default: throw new Error(p.field);
    }
  };
  const isLineField = (p: FieldPredicate) => p.field === 'product' || p.field === 'category' || p.field === 'price';
  const sessionPasses = (p: FieldPredicate, s: SessionRow) => (isLineField(p) ? s.lines.some((l) => lineTest(p, l)) : testValue(p, sessionValue(p, s)));
  const linePasses = (p: FieldPredicate, l: LineSpec) => (isLineField(p) ? lineTest(p, l) : testValue(p, sessionValue(p, sessionOf.get(l.order)!)));
  const passes = <T,>(f: Filter, test: (p: FieldPredicate, x: T) => boolean, x: T) =>
    f.predicates.length === 0 || (f.mode === 'and' ? f.predicates.every((p) => test(p as FieldPredicate, x)) : f.predicates.some((p) => test(p as FieldPredicate, x)));

  const keyOf = (key: GroupKey, s: SessionRow, l?: LineSpec): string | number | boolean | null => {
    if (key.field === 'product') return l!.product;
    if (key.field === 'category') return l!.category ?? null;
    if (key.field === 'session_start') return bucketValue(calendar, Date.parse(s.start), key.bucket!);
    return sessionValue({ type: 'in', field: key.field, values: [] }, s);
  };
  const names = (spec.groupBy ?? []).map((k) => (spec.groupBy!.filter((o) => o.field === k.field).length > 1 ? `${k.field}:${k.bucket}` : k.field));

  interface Acc { keys: (string | number | boolean | null)[]; sessions: Set<string>; orders: Set<string>; revenue: number; discount: number; visitors: Set<string>; buyers: Set<string>; quantity: number; lineRevenue: number; lines: number; rows: number }
  const groups = new Map<string, Acc>();
  const accFor = (keys: Acc['keys']) => {
    const id = JSON.stringify(keys);
    let acc = groups.get(id);
    if (!acc) groups.set(id, (acc = { keys, sessions: new Set(), orders: new Set(), revenue: 0, discount: 0, visitors: new Set(), buyers: new Set(), quantity: 0, lineRevenue: 0, lines: 0, rows: 0 }));
    return acc;
  };
  const addSession = (acc: Acc, s: SessionRow) => {
    if (!acc.sessions.has(s.id)) {
      acc.sessions.add(s.id);
      acc.visitors.add(s.client);
      if (s.purchased ?? true) {
        acc.orders.add(s.id);
        acc.revenue += s.payment ?? 0;
        acc.discount += s.discount ?? 0;
        acc.buyers.add(s.client);
      }
    }
  };
  const addLine = (acc: Acc, l: LineSpec) => {
    if (!(sessionOf.get(l.order)!.purchased ?? true)) return;
    acc.lines++;
    acc.quantity += l.quantity ?? 1;
    acc.lineRevenue += l.price * (l.quantity ?? 1);
  };

  if ((spec.table ?? 'sessions') === 'sessions') {
    for (const s of sessions) {
      if (!passes(filter, sessionPasses, s) || !passes(where, sessionPasses, s)) continue;
      const acc = accFor((spec.groupBy ?? []).map((k) => keyOf(k, s)));
      acc.rows++;
      addSession(acc, s);
      for (const l of s.lines) if (passes(filter, linePasses, l) && passes(where, linePasses, l)) addLine(acc, l);
    }
  } else {
    for (const l of world.lines) {
      if (!passes(filter, linePasses, l) || !passes(where, linePasses, l)) continue;
      const s = sessionOf.get(l.order)!;
      const acc = accFor((spec.groupBy ?? []).map((k) => keyOf(k, s, l)));
      acc.rows++;
      addSession(acc, s);
      addLine(acc, l);
    }
  }

  let accs = [...groups.values()];
  if (spec.fill) {
    const key = spec.groupBy![0];
    const present = accs.map((a) => a.keys[0]).filter((k): k is number => k !== null);
    const fillKeys: number[] = [];
    if (key.bucket === 'hourOfDay' || key.bucket === 'dayOfWeek') {
      for (let k = 0; k < (key.bucket === 'hourOfDay' ? 24 : 7); k++) fillKeys.push(k);
    } else if (present.length) {
      const unit = key.bucket as 'day';
      for (let t = Math.min(...present); t <= Math.max(...present); t = calendar.add(t, unit, 1)) fillKeys.push(t);
    }
    for (const k of fillKeys) accFor([k]);
    accs = [...groups.values()];
  }
  const value = (a: Acc, m: Measure): number | null => {
    switch (m) {
      case 'orders': return a.orders.size;
      case 'sessions': return a.sessions.size;
      case 'visitors': return a.visitors.size;
      case 'buyers': return a.buyers.size;
      case 'averageOrderValue': return a.orders.size ? a.revenue / a.orders.size : null;
      default: return a[m];
    }
  };
  const byKeys = (a: Acc, b: Acc) => {
    for (let j = 0; j < a.keys.length; j++) {
      const x = a.keys[j];
      const y = b.keys[j];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
  accs.sort(byKeys);
  if (spec.orderBy) {
    const { measure, order = 'desc' } = spec.orderBy;
    accs.sort((a, b) => {
      const va = value(a, measure);
      const vb = value(b, measure);
      if (va === vb) return byKeys(a, b);
      if (va === null) return 1;
      if (vb === null) return -1;
      return order === 'asc' ? va - vb : vb - va;
    });
  }
  if (spec.limit !== undefined) accs = accs.slice(0, spec.limit);
  return accs.map((a) => {
    const row: Row = {};
    names.forEach((name, j) => (row[name] = a.keys[j]));
    for (const m of spec.measures) row[m] = value(a, m);
    return row;
  });
}

function testValue(p: FieldPredicate, v: string | number | boolean | null): boolean {
  if (p.type === 'present') return (v !== null) === p.present;
  if (v === null) return false;
  switch (p.type) {
    case 'interval': return typeof v === 'number' && v >= p.range[0] && v < p.range[1];
    case 'in': return p.values.some((x) => x === v);
    case 'prefix': return p.values.some((x) => v === x || String(v).startsWith(`${x}/`));
    case 'orders-in': throw new Error('the random filters never draw orders-in');
  }
}

function bucketValue(calendar: Calendar, ms: number, bucket: Bucket): number {
  if (bucket === 'hourOfDay') return calendar.hourOfDay(ms);
  if (bucket === 'dayOfWeek') return calendar.dayOfWeek(ms);
  return calendar.floor(ms, bucket);
}

// ---- the test --------------------------------------------------------------------------------

function randomSpec(random: () => number): AggregateSpec {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const table = random() < 0.35 ? 'lines' : 'sessions';
  const candidates: GroupKey[] = [
    { field: 'dimension' },
    { field: 'promotion_id' },
    { field: 'customers.gender' },
    { field: 'has_purchased' },
    { field: 'session_start', bucket: pick(['hour', 'day', 'week', 'month', 'hourOfDay', 'dayOfWeek'] as const) },
    { field: 'session_start', bucket: pick(['day', 'hourOfDay', 'dayOfWeek'] as const) },
    ...(table === 'lines' ? [{ field: 'product' }, { field: 'category' }] : []),
  ];
  const groupBy: GroupKey[] = [];
  for (let n = Math.floor(random() * 3); n > 0; n--) {
    const key = pick(candidates);
    if (!groupBy.some((k) => k.field === key.field && k.bucket === key.bucket)) groupBy.push(key);
  }
  const measures = subset(random, ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue'] as Measure[]);
  if (measures.length === 0) measures.push('orders');
  const fill = groupBy.length === 1 && groupBy[0].bucket !== undefined && random() < 0.5;
  const orderBy = random() < 0.3 ? { measure: pick(measures), order: pick(['asc', 'desc'] as const) } : undefined;
  const limit = orderBy && random() < 0.5 ? 1 + Math.floor(random() * 4) : undefined;
  const where = random() < 0.3 ? [randomPredicate(random)] : undefined;
  // fill with a 'where' that empties some buckets is still "first to last present bucket"
  return { kind: 'aggregate', table, groupBy, measures, fill, orderBy, limit, where };
}

function compareRandomCases(seed: number, rounds: number): { nonEmpty: number } {
  const random = rng(seed);
  let nonEmpty = 0;
  for (let round = 0; round < rounds; round++) {
    const world = makeWorld(random);
    // Several queries per dataset, re-using predicates, as cross-filtering widgets do.
    const pool = Array.from({ length: 4 }, () => randomPredicate(random));
    for (let query = 0; query < 3; query++) {
      const filter: Filter = { mode: random() < 0.5 ? 'and' : 'or', predicates: subset(random, pool) };
      const spec = randomSpec(random);
      const expected = reference(world, spec, filter);
      const actual = runQuery(world.dataset, { spec, filter }).rows;
      expect(actual, `round ${round}.${query}: ${JSON.stringify({ spec, filter, time: world.dataset.time })}`).toEqual(expected);
      if (expected.length > 0) nonEmpty++;
    }
  }
  return { nonEmpty };
}

describe('aggregate against a naive reference', () => {
  it('agrees on 200 random datasets with 3 filters and specs each', { timeout: 120_000 }, () => {
    const { nonEmpty } = compareRandomCases(20240301, 200);
    expect(nonEmpty).toBeGreaterThan(300); // the random cases are not trivially empty
  });

  it('agrees when distinct clients are counted in client order instead of by bitset', { timeout: 120_000 }, () => {
    const saved = distinctCounting.bitsetLimit;
    distinctCounting.bitsetLimit = 0;
    try {
      compareRandomCases(7, 60);
    } finally {
      distinctCounting.bitsetLimit = saved;
    }
  });
});
