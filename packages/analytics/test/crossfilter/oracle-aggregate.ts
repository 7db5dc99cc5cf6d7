import type { AggregateSpec, Filter, GroupKey, Measure, Row } from '@clvkit/core';
import { linesFilter, resolve, sessionsPassing } from './oracle-filter.js';
import type { LineRec, OracleShop, SessionRec, Value } from './oracle-shop.js';
import type { OracleUnit } from './local-time.js';

/**
 * The plain aggregate (`AggregateSpec`, core query.ts; analytics README "The plain
 * aggregate") computed the obvious way: select the row objects, put each in a Map by its key
 * values, then measure every group with Sets and sums. No codes, no masks, no caches.
 */

/** Result of the reference aggregate: the rows and `meta.groups` (groups before the limit). */
export interface OracleResult {
  readonly rows: Row[];
  readonly meta: { readonly groups: number };
}

const CALENDAR_UNITS = new Set(['day', 'week', 'month', 'quarter', 'year']);

/** Row property of each key: the field, or `field:bucket` when a field is grouped twice. */
export function keyNames(groupBy: readonly GroupKey[]): string[] {
  return groupBy.map((key) => (groupBy.filter((k) => k.field === key.field).length > 1 ? `${key.field}:${key.bucket ?? ''}` : key.field));
}

/** The aggregate of `spec` under `filter`. */
export function oracleAggregate(shop: OracleShop, spec: AggregateSpec, filter: Filter): OracleResult {
  return aggregateUnder(shop, spec, [filter]);
}

/** The aggregate of `spec` under several filters ANDed (and the spec's `where`). */
export function aggregateUnder(shop: OracleShop, spec: AggregateSpec, selection: readonly Filter[]): OracleResult {
  const table = spec.table ?? 'sessions';
  const groupBy = spec.groupBy ?? [];
  const names = keyNames(groupBy);
  const filters: Filter[] = [...selection];
  if (spec.where?.length) filters.push({ mode: 'and', predicates: spec.where });

  const groups = new Map<unknown, { keys: Value[]; rows: (SessionRec | LineRec)[] }>();
  // One key: the value itself identifies the group; several: their typed texts joined.
  const idOf = (keys: Value[]) => (keys.length === 1 ? keys[0] : keys.map((v) => `${typeof v}:${String(v)}`).join('\u0001'));
  const add = (keys: Value[], row: SessionRec | LineRec | null) => {
    const id = idOf(keys);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { keys, rows: [] }));
    if (row) group.rows.push(row);
  };
  const linePasses = linesFilter(shop, filters);
  if (table === 'sessions') {
    const keyOf = groupBy.map((key) => sessionKey(shop, key));
    for (const s of sessionsPassing(shop, filters)) add(keyOf.map((k) => k(s)), s);
  } else {
    const keyOf = groupBy.map((key) => lineKey(shop, key));
    for (const l of shop.lines) if (linePasses(l)) add(keyOf.map((k) => k(l)), l);
  }
  if (spec.fill) fillBuckets(shop, groupBy, groups, add);

  const measured = [...groups.values()].map(({ keys, rows }) => ({
    keys,
    values: table === 'sessions' ? sessionMeasures(rows as SessionRec[], linePasses) : lineMeasures(rows as LineRec[]),
  }));

  const byKeys = (a: Value[], b: Value[]) => {
    for (let j = 0; j < a.length; j++) {
      const c = compareValues(a[j], b[j]);
      if (c !== 0) return c;
    }
    return 0;
  };
  if (spec.orderBy) {
    const { measure, order = 'desc' } = spec.orderBy;
    const sign = order === 'asc' ? 1 : -1;
    measured.sort((a, b) => {
      const va = a.values[measure];
      const vb = b.values[measure];
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        return sign * (va - vb);
      }
      return byKeys(a.keys, b.keys);
    });
  } else {
    measured.sort((a, b) => byKeys(a.keys, b.keys));
  }
  const limited = spec.limit === undefined ? measured : measured.slice(0, spec.limit);
  const rows = limited.map(({ keys, values }) => {
    const row: Row = {};
    names.forEach((name, j) => (row[name] = keys[j]));
    for (const m of spec.measures) row[m] = values[m];
    return row;
  });
  return { rows, meta: { groups: measured.length } };
}

/** Ascending; null last; strings by UTF-16 code unit as JavaScript compares them; false before true. */
export function compareValues(x: Value, y: Value): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  if (typeof x === 'string') return x < (y as string) ? -1 : 1;
  return Number(x) - Number(y);
}

/** A group key's value for a session: its own column, or its customer's. */
function sessionKey(shop: OracleShop, key: GroupKey): (s: SessionRec) => Value {
  const { table, column } = resolve(shop, key.field);
  if (table === 'sessions') return (s) => keyValue(shop, key, s.values[column]);
  if (table === 'customers') return (s) => keyValue(shop, key, s.customer ? s.customer.values[column] : null);
  throw new Error(`oracle: a lines field (${key.field}) cannot group sessions`);
}

/** A group key's value for a line: its own column, its order's, or its order's customer's. */
function lineKey(shop: OracleShop, key: GroupKey): (l: LineRec) => Value {
  const { table, column } = resolve(shop, key.field);
  if (table === 'lines') return (l) => keyValue(shop, key, l.values[column]);
  if (table === 'sessions') return (l) => keyValue(shop, key, l.order ? l.order.values[column] : null);
  return (l) => keyValue(shop, key, l.order?.customer ? l.order.customer.values[column] : null);
}

/** The key value of a raw value: a bucket start, hour, weekday, fixed-width bin, or the value. */
function keyValue(shop: OracleShop, key: GroupKey, value: Value): Value {
  if (value === null) return null;
  if (key.step !== undefined) return Math.floor((value as number) / key.step) * key.step;
  if (key.bucket === undefined) return value;
  const ms = value as number;
  if (key.bucket === 'hourOfDay') return shop.time.hourOfDay(ms);
  if (key.bucket === 'dayOfWeek') return shop.time.dayOfWeek(ms);
  if (CALENDAR_UNITS.has(key.bucket)) return shop.time.bucketStart(ms, key.bucket as OracleUnit);
  throw new Error(`oracle: bucket ${key.bucket} is not supported`);
}

/** `fill`: every bucket from the first to the last group (every hour / weekday when cyclic), empty ones added. */
function fillBuckets(shop: OracleShop, groupBy: readonly GroupKey[], groups: Map<unknown, { keys: Value[] }>, add: (keys: Value[], row: null) => void): void {
  const [key] = groupBy;
  if (groupBy.length !== 1 || key.bucket === undefined) throw new Error('oracle: fill needs one time key');
  if (key.bucket === 'hourOfDay' || key.bucket === 'dayOfWeek') {
    for (let v = 0; v < (key.bucket === 'hourOfDay' ? 24 : 7); v++) add([v], null);
    return;
  }
  const starts = [...groups.values()].map((g) => g.keys[0]).filter((v): v is number => v !== null);
  if (starts.length === 0) return;
  const last = Math.max(...starts);
  for (let t = Math.min(...starts); t <= last; t = shop.time.nextBucket(t, key.bucket as OracleUnit)) add([t], null);
}

type MeasureValues = Record<Measure, number | null>;

/**
 * Measures over sessions: orders = purchases; revenue / discount over orders; visitors /
 * buyers = distinct clients (of sessions / of orders); lines, quantity, lineRevenue = the
 * basket lines of the group's orders that pass the filters (a line passes a sessions predicate
 * through its order, which passed; a lines predicate on its own).
 */
function sessionMeasures(sessions: readonly SessionRec[], linePasses: (l: LineRec) => boolean): MeasureValues {
  let orders = 0;
  let revenue = 0;
  let discount = 0;
  let lines = 0;
  let quantity = 0;
  let lineRevenue = 0;
  const visitors = new Set<Value>();
  const buyers = new Set<Value>();
  for (const s of sessions) {
    if (s.values.client !== null) visitors.add(s.values.client);
    if (!s.values.has_purchased) continue;
    orders++;
    revenue += (s.values.payment_amount as number | null) ?? 0;
    discount += (s.values.discount_amount as number | null) ?? 0;
    if (s.values.client !== null) buyers.add(s.values.client);
    for (const l of s.lines) {
      if (!linePasses(l)) continue;
      lines++;
      quantity += l.values.quantity as number;
      lineRevenue += (l.values.price as number) * (l.values.quantity as number);
    }
  }
  return {
    orders,
    sessions: sessions.length,
    revenue,
    discount,
    visitors: visitors.size,
    buyers: buyers.size,
    lines,
    quantity,
    lineRevenue,
    averageOrderValue: orders > 0 ? revenue / orders : null,
  };
}

/**
 * Measures over basket lines: lines, quantity, lineRevenue over lines of orders; orders /
 * sessions = distinct orders / sessions with a line in the group; revenue / discount summed
 * once per distinct order; visitors / buyers = distinct clients of those sessions / orders.
 */
function lineMeasures(group: readonly LineRec[]): MeasureValues {
  let lines = 0;
  let quantity = 0;
  let lineRevenue = 0;
  const sessions = new Set<SessionRec>();
  for (const l of group) {
    if (l.order) sessions.add(l.order);
    if (!l.order?.values.has_purchased) continue;
    lines++;
    quantity += l.values.quantity as number;
    lineRevenue += (l.values.price as number) * (l.values.quantity as number);
  }
  let orders = 0;
  let revenue = 0;
  let discount = 0;
  const visitors = new Set<Value>();
  const buyers = new Set<Value>();
  for (const s of sessions) {
    if (s.values.client !== null) visitors.add(s.values.client);
    if (!s.values.has_purchased) continue;
    orders++;
    revenue += (s.values.payment_amount as number | null) ?? 0;
    discount += (s.values.discount_amount as number | null) ?? 0;
    if (s.values.client !== null) buyers.add(s.values.client);
  }
  return {
    orders,
    sessions: sessions.size,
    revenue,
    discount,
    visitors: visitors.size,
    buyers: buyers.size,
    lines,
    quantity,
    lineRevenue,
    averageOrderValue: orders > 0 ? revenue / orders : null,
  };
}
