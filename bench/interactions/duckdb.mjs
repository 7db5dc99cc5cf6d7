/**
 * DuckDB-WASM's side of the cross-filter benchmark, in its own process: the synchronous Node
 * build (dist/duckdb-node-blocking.cjs with the package's own .wasm files, no download), the
 * same columns loaded through Apache Arrow, and per interaction the same filtered GROUP BYs as
 * SQL, one query per widget whose filter changed (two for the KPIs: sessions and lines),
 * results converted to plain rows as a widget would receive them.
 *
 * Tables: `sessions` (id = row, t = session_start epoch ms, day, hour, purchased, pay, disc,
 * dim, client, status = the customer_status field) and `lines` denormalised with their order's
 * fields (o, product, category, price, qty, t, purchased, dim, status, pay), so line queries
 * need no join. String columns arrive as Arrow dictionaries and are stored as VARCHAR.
 * A basket-line predicate keeps a session through `id IN (SELECT o FROM lines WHERE ...)`.
 *
 * Usage: node --expose-gc duckdb.mjs --data=DIR --result=FILE
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readDataset } from '../lib/columns-file.mjs';
import { memory, memoryDelta, now, writeResult } from '../lib/measure.mjs';
import { DAY, HOUR, donutAsOf, extentOf, filledDays, kpiPeriods, kpiRows, sessionStatuses, statusCutsAt, statusRows, STATUSES } from './peer-fields.mjs';
import { firstRender, replay } from './replay.mjs';
import { BIN, TOP, WIDGETS } from './widgets.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const arrow = require('apache-arrow');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const dir = String(args.data);

const before = memory();
const t0 = now();
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
const db = await duckdb.createDuckDB(
  {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  },
  new duckdb.VoidLogger(),
  duckdb.NODE_RUNTIME,
);
await db.instantiate();
const conn = db.connect();
const instantiateMs = now() - t0;
const afterInstantiate = memoryDelta(memory(), before);

const t1 = now();
const { sequence } = JSON.parse(readFileSync(join(dir, 'sequence.json'), 'utf8'));
const extent = load(conn, dir);
const loadMs = now() - t1;

const library = { read };
const firstMs = firstRender(library, WIDGETS);
const { times, cpu, perWidget, checks } = replay(sequence, library);
const held = memoryDelta(memory(), before);
writeResult(String(args.result), {
  library: 'duckdb-wasm',
  notes: `DuckDB-WASM ${duckdb.PACKAGE_VERSION} blocking Node build, ${db.getVersion?.() ?? ''}`.trim(),
  build: { instantiateMs, loadMs, firstRenderMs: firstMs },
  memory: { engine: afterInstantiate, held },
  times,
  cpu,
  perWidget,
  checks,
});

/** Loads sessions and denormalised lines into DuckDB; returns the session_start extent. */
function load(connection, from) {
  const { dataset } = readDataset(from, {
    sessions: ['session_start', 'has_purchased', 'payment_amount', 'discount_amount', 'dimension', 'client'],
    lines: ['order', 'product', 'category', 'price', 'quantity'],
  });
  const s = dataset.sessions.columns;
  const l = dataset.lines.columns;
  const T = s.session_start.values;
  const n = T.length;
  const day = new Int32Array(n);
  const hour = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    day[i] = Math.floor(T[i] / DAY);
    hour[i] = ((Math.floor(T[i] / HOUR) % 24) + 24) % 24;
  }
  const status = Int32Array.from(sessionStatuses(T, s.has_purchased.values, s.client.codes, s.client.dictionary.length));
  const purchased = boolVector(s.has_purchased.values);
  insertInChunks(
    connection,
    new arrow.Table({
      id: arrow.makeVector(Int32Array.from({ length: n }, (_, i) => i)),
      t: arrow.makeVector(T),
      day: arrow.makeVector(day),
      hour: arrow.makeVector(hour),
      purchased,
      pay: arrow.makeVector(s.payment_amount.values),
      disc: arrow.makeVector(s.discount_amount.values),
      dim: dictionaryVector(s.dimension.codes, s.dimension.dictionary),
      client: arrow.makeVector(Int32Array.from(s.client.codes)),
      status: dictionaryVector(status, STATUSES),
    }),
    'sessions',
  );
  const o = l.order.rows;
  const m = o.length;
  const pick = (values, Type) => {
    const out = new Type(m);
    for (let k = 0; k < m; k++) out[k] = values[o[k]];
    return out;
  };
  insertInChunks(
    connection,
    new arrow.Table({
      o: arrow.makeVector(Int32Array.from(o)),
      product: dictionaryVector(l.product.codes, l.product.dictionary),
      category: dictionaryVector(l.category.codes, l.category.dictionary),
      price: arrow.makeVector(l.price.values),
      qty: arrow.makeVector(l.quantity.values),
      t: arrow.makeVector(pick(T, Float64Array)),
      purchased: boolVector(pick(s.has_purchased.values, Uint8Array)),
      dim: dictionaryVector(pick(s.dimension.codes, Int32Array), s.dimension.dictionary),
      status: dictionaryVector(pick(status, Int32Array), STATUSES),
      pay: arrow.makeVector(pick(s.payment_amount.values, Float64Array)),
    }),
    'lines',
  );
  return extentOf(T);
}

/**
 * Inserts `table` a million rows at a time: each insert copies its rows into the WebAssembly
 * heap as an Arrow IPC stream before DuckDB stores them, and the heap is at most 4 GB.
 */
function insertInChunks(connection, table, name) {
  const CHUNK = 1 << 20;
  for (let at = 0; at < table.numRows; at += CHUNK) {
    connection.insertArrowTable(table.slice(at, Math.min(table.numRows, at + CHUNK)), { name, create: at === 0 });
  }
}

/** An Arrow dictionary vector of VARCHAR over int32 codes (-1 = null). */
function dictionaryVector(codes, dictionary) {
  const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
  const { nullBitmap, nullCount } = validity(codes, (c) => c >= 0);
  const data = arrow.makeData({ type, length: codes.length, data: Int32Array.from(codes, (c) => (c < 0 ? 0 : c)), nullBitmap, nullCount, dictionary: arrow.vectorFromArray([...dictionary], new arrow.Utf8()) });
  return arrow.makeVector(data);
}

/** An Arrow boolean vector of 0/1 bytes. */
function boolVector(bytes) {
  const bits = new Uint8Array((bytes.length + 7) >> 3);
  for (let i = 0; i < bytes.length; i++) if (bytes[i]) bits[i >> 3] |= 1 << (i & 7);
  return arrow.makeVector(arrow.makeData({ type: new arrow.Bool(), length: bytes.length, data: bits }));
}

function validity(values, valid) {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid(values[i])) nullBitmap[i >> 3] |= 1 << (i & 7);
    else nullCount++;
  }
  return { nullBitmap: nullCount ? nullBitmap : undefined, nullCount };
}

/** A SQL string literal. */
function str(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Conditions on `sessions` for the selected values `others` (widget -> value). */
function sessionWhere(others, { time = true } = {}) {
  const out = [];
  for (const [w, v] of Object.entries(others)) {
    if (w === 'time' && time) out.push(`t >= ${v[0]} AND t < ${v[1]}`);
    if (w === 'products') out.push(`id IN (SELECT o FROM lines WHERE product = ${str(v)})`);
    if (w === 'categories') out.push(`id IN (SELECT o FROM lines WHERE category = ${str(v)} OR starts_with(category, ${str(`${v}/`)}))`);
    if (w === 'dimension') out.push(`dim = ${str(v)}`);
    if (w === 'status') out.push(`status = ${str(v)}`);
    if (w === 'histogram') out.push(`pay >= ${v} AND pay < ${v + BIN}`);
  }
  return out;
}

/** Conditions on the denormalised `lines`: line predicates on the line, session ones on its order's copy. */
function lineWhere(others, { time = true } = {}) {
  const out = [];
  for (const [w, v] of Object.entries(others)) {
    if (w === 'time' && time) out.push(`t >= ${v[0]} AND t < ${v[1]}`);
    if (w === 'products') out.push(`product = ${str(v)}`);
    if (w === 'categories') out.push(`(category = ${str(v)} OR starts_with(category, ${str(`${v}/`)}))`);
    if (w === 'dimension') out.push(`dim = ${str(v)}`);
    if (w === 'status') out.push(`status = ${str(v)}`);
    if (w === 'histogram') out.push(`pay >= ${v} AND pay < ${v + BIN}`);
  }
  return out;
}

function where(conditions) {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

function rows(sql) {
  return conn.query(sql).toArray().map((r) => {
    const o = r.toJSON();
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
    return o;
  });
}

/** One widget's rows under `state` (the same shapes as clvkit's). */
function read(widget, state) {
  const others = state.othersOf(widget);
  switch (widget) {
    case 'time': {
      const byDay = new Map();
      for (const r of rows(`SELECT day, count(*) FILTER (WHERE purchased) AS orders, coalesce(sum(pay) FILTER (WHERE purchased), 0) AS revenue FROM sessions ${where(sessionWhere(others))} GROUP BY day`)) byDay.set(r.day, r);
      return filledDays(byDay);
    }
    case 'kpis': {
      const { range, previous } = kpiPeriods(others.time ?? null, extent);
      const period = `CASE WHEN t >= ${range[0]} THEN 0 ELSE 1 END`;
      const span = `t >= ${previous[0]} AND t < ${range[1]}`;
      const zero = () => ({ orders: 0, revenue: 0, discount: 0, sessions: 0, visitors: 0, buyers: 0, quantity: 0 });
      const out = [zero(), zero()];
      const measures = 'count(*) AS sessions, count(*) FILTER (WHERE purchased) AS orders, coalesce(sum(pay) FILTER (WHERE purchased), 0) AS revenue, coalesce(sum(disc) FILTER (WHERE purchased), 0) AS discount, count(DISTINCT client) AS visitors, count(DISTINCT client) FILTER (WHERE purchased) AS buyers';
      for (const r of rows(`SELECT ${period} AS period, ${measures} FROM sessions ${where([span, ...sessionWhere(others, { time: false })])} GROUP BY 1`)) Object.assign(out[r.period], r);
      for (const r of rows(`SELECT ${period} AS period, sum(qty) AS quantity FROM lines ${where(['purchased', span, ...lineWhere(others, { time: false })])} GROUP BY 1`)) out[r.period].quantity = r.quantity;
      return kpiRows(out[0], out[1]);
    }
    case 'products':
    case 'categories': {
      const field = widget === 'products' ? 'product' : 'category';
      return rows(`SELECT ${field}, count(DISTINCT o) AS orders, sum(qty) AS quantity, sum(price * qty) AS lineRevenue FROM lines ${where(['purchased', ...lineWhere(others)])} GROUP BY 1 ORDER BY lineRevenue DESC, 1 LIMIT ${TOP}`);
    }
    case 'dimension':
      return rows(`SELECT dim AS dimension, count(*) FILTER (WHERE purchased) AS orders, coalesce(sum(pay) FILTER (WHERE purchased), 0) AS revenue FROM sessions ${where(sessionWhere(others))} GROUP BY 1`);
    case 'status': {
      const { asOf, before: end } = donutAsOf(others.time ?? null, extent);
      const cuts = statusCutsAt(asOf);
      const conditions = ['purchased', `t <= ${asOf}`, ...(Number.isFinite(end) ? [`t < ${end}`] : []), ...sessionWhere(others, { time: false })];
      const customers = [0, 0, 0];
      const revenue = [0, 0, 0];
      const sql = `SELECT CASE WHEN last >= ${cuts.active} THEN 0 WHEN last >= ${cuts.longGone} THEN 1 ELSE 2 END AS st, count(*) AS customers, sum(rev) AS revenue FROM (SELECT client, max(t) AS last, sum(pay) AS rev FROM sessions ${where(conditions)} GROUP BY client) GROUP BY 1`;
      for (const r of rows(sql)) {
        customers[r.st] = r.customers;
        revenue[r.st] = r.revenue;
      }
      return statusRows(customers, revenue);
    }
    case 'histogram':
      return rows(`SELECT floor(pay / ${BIN}) * ${BIN} AS payment_amount, count(*) AS orders FROM sessions ${where(['purchased', ...sessionWhere(others)])} GROUP BY 1 ORDER BY 1`);
    case 'hourly': {
      const out = Array.from({ length: 24 }, (_, h) => ({ session_start: h, orders: 0 }));
      for (const r of rows(`SELECT hour, count(*) FILTER (WHERE purchased) AS orders FROM sessions ${where(sessionWhere(others))} GROUP BY 1`)) out[r.hour].orders = r.orders;
      return out;
    }
    default:
      throw new Error(`unknown widget ${widget}`);
  }
}
