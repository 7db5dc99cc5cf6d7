/**
 * crossfilter2's side of the cross-filter benchmark, in its own process: the same eight widgets
 * as crossfilter dimensions and groups, replaying the same interactions. One interaction =
 * setting the changed widget's filter on every crossfilter instance (crossfilter updates all
 * groups incrementally) + reading the groups of every widget whose filter changed.
 *
 * Layout (crossfilter is single-table, so three instances share the clicks; records are row
 * indices and every accessor reads the typed columns, which is much smaller and faster to
 * build than one object per row):
 *
 * - S, over sessions: dimensions day (brush; its group by day with sessions, orders, revenue,
 *   discount feeds the time series and the KPIs' additive measures for both periods, since a
 *   group ignores its own dimension's filter), hour (hourly orders), channel, status, payment
 *   (histogram filter; its group by 10-wide bins), and two array dimensions holding each
 *   session's products and the prefixes of its lines' categories ("any line" semantics:
 *   an array record passes when any of its values does).
 * - L, over basket lines (a line carries its order's fields through its order's row): day,
 *   channel, status, payment, product, category. Groups: product and category (orders,
 *   quantity, line revenue: the top-10 bars) and day (quantity: the KPIs' quantity for both
 *   periods). Orders per category count distinct orders (a per-group map of order -> lines);
 *   per product they count lines, since no order repeats a product (prepare.ts checks it).
 * - C, over sessions, for what needs whole customers: everything but the brush and the status
 *   (product, category, channel, payment). Its group by client keeps each client's session
 *   times, order times and payments sorted (add and remove by binary search, as reductio's
 *   max does), from which the KPIs' visitors and buyers (distinct clients in a period, with
 *   the status clause applied per client) and the status donut (last order by the as-of date)
 *   are read.
 *
 * Usage: node --expose-gc crossfilter.mjs --data=DIR --result=FILE
 */
import crossfilter from 'crossfilter2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataset } from '../lib/columns-file.mjs';
import { memory, memoryDelta, now, writeResult } from '../lib/measure.mjs';
import { DAY, HOUR, donutAsOf, extentOf, filledDays, kpiPeriods, kpiRows, sessionStatuses, statusCutsAt, statusRows, topRows, STATUSES } from './peer-fields.mjs';
import { firstRender, replay } from './replay.mjs';
import { BIN, TOP, WIDGETS } from './widgets.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const dir = String(args.data);

const before = memory();
const t0 = now();
const { dataset } = readDataset(dir, {
  sessions: ['session_start', 'has_purchased', 'payment_amount', 'discount_amount', 'dimension', 'client'],
  lines: ['order', 'product', 'category', 'price', 'quantity'],
});
const { sequence } = JSON.parse(readFileSync(join(dir, 'sequence.json'), 'utf8'));
const loadMs = now() - t0;
const afterLoad = memoryDelta(memory(), before);

const t1 = now();
const model = build(dataset);
const buildMs = now() - t1;

const firstMs = firstRender(model, WIDGETS);
const { times, cpu, perWidget, checks } = replay(sequence, model);
const held = memoryDelta(memory(), before);
writeResult(String(args.result), {
  library: 'crossfilter2',
  notes: 'three crossfilters (sessions, lines, sessions for customers) over row indices',
  build: { loadMs, buildMs, firstRenderMs: firstMs },
  memory: { data: afterLoad, held },
  times,
  cpu,
  perWidget,
  checks,
});

/** Builds the three crossfilters and returns `select(widget, value)`, `read(widget, state)`, `reset()`. */
function build(data) {
  const s = data.sessions.columns;
  const l = data.lines.columns;
  const T = s.session_start.values;
  const P = s.has_purchased.values;
  const pay = s.payment_amount.values;
  const disc = s.discount_amount.values;
  const dim = s.dimension.codes;
  const client = s.client.codes;
  const clients = s.client.dictionary.length;
  const orderOf = l.order.rows;
  const product = l.product.codes;
  const category = l.category.codes;
  const price = l.price.values;
  const qty = l.quantity.values;
  const n = T.length;
  const extent = extentOf(T);

  const day = new Int32Array(n);
  const hour = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    day[i] = Math.floor(T[i] / DAY);
    hour[i] = ((Math.floor(T[i] / HOUR) % 24) + 24) % 24;
  }
  const status = sessionStatuses(T, P, client, clients);
  const clientStatus = new Int8Array(clients).fill(-1);
  for (let i = 0; i < n; i++) if (client[i] >= 0) clientStatus[client[i]] = status[i];

  // Each session's lines (CSR), for the array dimensions.
  const lineStart = new Int32Array(n + 1);
  for (let k = 0; k < orderOf.length; k++) lineStart[orderOf[k] + 1]++;
  for (let i = 0; i < n; i++) lineStart[i + 1] += lineStart[i];
  const linesOf = new Int32Array(orderOf.length);
  const fill = lineStart.slice(0, n);
  for (let k = 0; k < orderOf.length; k++) linesOf[fill[orderOf[k]]++] = k;

  // Category paths: every prefix gets a code; per category, its prefixes' codes.
  const categories = l.category.dictionary;
  const prefixCode = new Map();
  const prefixesOf = categories.map((path) => {
    const parts = path.split('/');
    return parts.map((_, j) => {
      const p = parts.slice(0, j + 1).join('/');
      if (!prefixCode.has(p)) prefixCode.set(p, prefixCode.size);
      return prefixCode.get(p);
    });
  });
  const productCode = new Map(l.product.dictionary.map((p, c) => [p, c]));
  const dimCode = new Map(s.dimension.dictionary.map((d, c) => [d, c]));
  const uniq = (values) => [...new Set(values)];
  const productsOf = (i) => {
    const out = [];
    for (let k = lineStart[i]; k < lineStart[i + 1]; k++) out.push(product[linesOf[k]]);
    return uniq(out);
  };
  const prefixesOfSession = (i) => {
    const out = [];
    for (let k = lineStart[i]; k < lineStart[i + 1]; k++) out.push(...prefixesOf[category[linesOf[k]]]);
    return uniq(out);
  };
  const index = (count) => Array.from({ length: count }, (_, i) => i);
  const MISSING = 1e9; // crossfilter needs comparable values: missing codes sort last

  // S: sessions.
  const S = crossfilter(index(n));
  const sDay = S.dimension((i) => day[i]);
  const sHour = S.dimension((i) => hour[i]);
  const sDim = S.dimension((i) => (dim[i] < 0 ? MISSING : dim[i]));
  const sStatus = S.dimension((i) => (status[i] < 0 ? MISSING : status[i]));
  const sPay = S.dimension((i) => pay[i]);
  const sProduct = S.dimension(productsOf, true);
  const sCategory = S.dimension(prefixesOfSession, true);
  const dayGroup = sDay.group().reduce(
    (p, i) => {
      p.sessions++;
      if (P[i]) {
        p.orders++;
        p.revenue += pay[i];
        p.discount += disc[i];
      }
      return p;
    },
    (p, i) => {
      p.sessions--;
      if (P[i]) {
        p.orders--;
        p.revenue -= pay[i];
        p.discount -= disc[i];
      }
      return p;
    },
    () => ({ sessions: 0, orders: 0, revenue: 0, discount: 0 }),
  );
  const ordersAndRevenue = [
    (p, i) => {
      p.sessions++;
      if (P[i]) {
        p.orders++;
        p.revenue += pay[i];
      }
      return p;
    },
    (p, i) => {
      p.sessions--;
      if (P[i]) {
        p.orders--;
        p.revenue -= pay[i];
      }
      return p;
    },
    () => ({ sessions: 0, orders: 0, revenue: 0 }),
  ];
  const dimGroup = sDim.group().reduce(...ordersAndRevenue);
  const hourGroup = sHour.group().reduceSum((i) => P[i]);
  const binGroup = sPay.group((v) => Math.floor(v / BIN) * BIN).reduceSum((i) => P[i]);

  // L: basket lines (an order's fields through its row).
  const L = crossfilter(index(orderOf.length));
  const lDay = L.dimension((k) => day[orderOf[k]]);
  const lDim = L.dimension((k) => (dim[orderOf[k]] < 0 ? MISSING : dim[orderOf[k]]));
  const lStatus = L.dimension((k) => (status[orderOf[k]] < 0 ? MISSING : status[orderOf[k]]));
  const lPay = L.dimension((k) => pay[orderOf[k]]);
  const lProduct = L.dimension((k) => product[k]);
  const lCategory = L.dimension((k) => category[k]);
  const lineValue = (k) => (price[k] === price[k] ? price[k] : 0) * (qty[k] === qty[k] ? qty[k] : 1);
  const lineQty = (k) => (qty[k] === qty[k] ? qty[k] : 1);
  const productGroup = lProduct.group().reduce(
    (p, k) => {
      p.lines++;
      if (P[orderOf[k]]) {
        p.orders++;
        p.quantity += lineQty(k);
        p.lineRevenue += lineValue(k);
      }
      return p;
    },
    (p, k) => {
      p.lines--;
      if (P[orderOf[k]]) {
        p.orders--;
        p.quantity -= lineQty(k);
        p.lineRevenue -= lineValue(k);
      }
      return p;
    },
    () => ({ lines: 0, orders: 0, quantity: 0, lineRevenue: 0 }),
  );
  const categoryGroup = lCategory.group().reduce(
    (p, k) => {
      p.lines++;
      const o = orderOf[k];
      if (P[o]) {
        const c = p.byOrder.get(o) ?? 0;
        if (c === 0) p.orders++;
        p.byOrder.set(o, c + 1);
        p.quantity += lineQty(k);
        p.lineRevenue += lineValue(k);
      }
      return p;
    },
    (p, k) => {
      p.lines--;
      const o = orderOf[k];
      if (P[o]) {
        const c = p.byOrder.get(o);
        if (c === 1) {
          p.byOrder.delete(o);
          p.orders--;
        } else p.byOrder.set(o, c - 1);
        p.quantity -= lineQty(k);
        p.lineRevenue -= lineValue(k);
      }
      return p;
    },
    () => ({ lines: 0, orders: 0, quantity: 0, lineRevenue: 0, byOrder: new Map() }),
  );
  const quantityByDay = lDay.group().reduceSum((k) => (P[orderOf[k]] ? lineQty(k) : 0));

  // C: sessions, for per-customer reads (no brush, no status dimension).
  const C = crossfilter(index(n));
  const cDim = C.dimension((i) => (dim[i] < 0 ? MISSING : dim[i]));
  const cPay = C.dimension((i) => pay[i]);
  const cProduct = C.dimension(productsOf, true);
  const cCategory = C.dimension(prefixesOfSession, true);
  const cClient = C.dimension((i) => (client[i] < 0 ? MISSING : client[i]));
  const clientGroup = cClient.group().reduce(
    (p, i) => {
      p.sessions.splice(upper(p.sessions, T[i]), 0, T[i]);
      if (P[i]) {
        const k = upper(p.orders, T[i]);
        p.orders.splice(k, 0, T[i]);
        p.pays.splice(k, 0, pay[i]);
      }
      return p;
    },
    (p, i) => {
      p.sessions.splice(lower(p.sessions, T[i]), 1);
      if (P[i]) {
        let k = lower(p.orders, T[i]);
        while (p.pays[k] !== pay[i] && p.orders[k] === T[i]) k++;
        p.orders.splice(k, 1);
        p.pays.splice(k, 1);
      }
      return p;
    },
    () => ({ sessions: [], orders: [], pays: [] }),
  );

  const under = (path) => categories.map((c) => c === path || c.startsWith(`${path}/`));
  const filters = {
    time: (v) => {
      if (v === null) sDay.filterAll(), lDay.filterAll();
      else sDay.filterRange([v[0] / DAY, v[1] / DAY]), lDay.filterRange([v[0] / DAY, v[1] / DAY]);
    },
    products: (v) => {
      for (const d of [sProduct, lProduct, cProduct]) v === null ? d.filterAll() : d.filterExact(productCode.get(v) ?? -1);
    },
    categories: (v) => {
      if (v === null) {
        for (const d of [sCategory, lCategory, cCategory]) d.filterAll();
        return;
      }
      const code = prefixCode.get(v) ?? -1;
      sCategory.filterExact(code);
      cCategory.filterExact(code);
      const pass = under(v);
      lCategory.filterFunction((c) => pass[c] === true);
    },
    dimension: (v) => {
      for (const d of [sDim, lDim, cDim]) v === null ? d.filterAll() : d.filterExact(dimCode.get(v) ?? -1);
    },
    status: (v) => {
      for (const d of [sStatus, lStatus]) v === null ? d.filterAll() : d.filterExact(STATUSES.indexOf(v));
    },
    histogram: (v) => {
      for (const d of [sPay, lPay, cPay]) v === null ? d.filterAll() : d.filterRange([v, v + BIN]);
    },
  };

  const readers = {
    time: () => {
      const byDay = new Map();
      for (const g of dayGroup.all()) if (g.value.sessions > 0) byDay.set(g.key, { orders: g.value.orders, revenue: cents(g.value.revenue) });
      return filledDays(byDay);
    },
    kpis: (state) => {
      const others = state.othersOf('kpis');
      const { range, previous } = kpiPeriods(others.time ?? null, extent);
      const zero = () => ({ orders: 0, revenue: 0, discount: 0, sessions: 0, visitors: 0, buyers: 0, quantity: 0 });
      const cur = zero();
      const prev = zero();
      const which = (d) => (d * DAY >= range[0] && d * DAY < range[1] ? cur : d * DAY >= previous[0] && d * DAY < previous[1] ? prev : null);
      for (const g of dayGroup.all()) {
        const t = which(g.key);
        if (t) {
          t.orders += g.value.orders;
          t.revenue += cents(g.value.revenue);
          t.discount += cents(g.value.discount);
          t.sessions += g.value.sessions;
        }
      }
      for (const g of quantityByDay.all()) {
        const t = which(g.key);
        if (t) t.quantity += g.value;
      }
      const wanted = others.status === undefined ? -2 : STATUSES.indexOf(others.status);
      for (const g of clientGroup.all()) {
        if (g.key === MISSING || (wanted !== -2 && clientStatus[g.key] !== wanted)) continue;
        const v = g.value;
        if (anyIn(v.sessions, range)) cur.visitors++;
        if (anyIn(v.orders, range)) cur.buyers++;
        if (anyIn(v.sessions, previous)) prev.visitors++;
        if (anyIn(v.orders, previous)) prev.buyers++;
      }
      return kpiRows(cur, prev);
    },
    products: () => topRows(productGroup.all().filter((g) => g.value.lines > 0).map((g) => ({ key: l.product.dictionary[g.key], orders: g.value.orders, quantity: g.value.quantity, lineRevenue: cents(g.value.lineRevenue) })), 'product', TOP),
    categories: () => topRows(categoryGroup.all().filter((g) => g.value.lines > 0).map((g) => ({ key: categories[g.key], orders: g.value.orders, quantity: g.value.quantity, lineRevenue: cents(g.value.lineRevenue) })), 'category', TOP),
    dimension: () =>
      dimGroup
        .all()
        .filter((g) => g.value.sessions > 0)
        .map((g) => ({ dimension: g.key === MISSING ? null : s.dimension.dictionary[g.key], orders: g.value.orders, revenue: cents(g.value.revenue) })),
    status: (state) => {
      const { asOf, before: end } = donutAsOf(state.othersOf('status').time ?? null, extent);
      const cuts = statusCutsAt(asOf);
      const customers = [0, 0, 0];
      const revenue = [0, 0, 0];
      for (const g of clientGroup.all()) {
        if (g.key === MISSING) continue;
        const o = g.value.orders;
        const count = Math.min(upper(o, asOf), lower(o, end));
        if (count === 0) continue;
        const last = o[count - 1];
        const st = last >= cuts.active ? 0 : last >= cuts.longGone ? 1 : 2;
        let sum = 0;
        for (let k = 0; k < count; k++) sum += g.value.pays[k];
        customers[st]++;
        revenue[st] += sum;
      }
      return statusRows(customers, revenue);
    },
    histogram: () => binGroup.all().filter((g) => g.value > 0).map((g) => ({ payment_amount: g.key, orders: g.value })),
    hourly: () => {
      const out = Array.from({ length: 24 }, (_, h) => ({ session_start: h, orders: 0 }));
      for (const g of hourGroup.all()) out[g.key].orders = g.value;
      return out;
    },
  };

  return {
    select: (widget, value) => filters[widget](value),
    read: (widget, state) => readers[widget](state),
    reset: () => {
      for (const f of Object.values(filters)) f(null);
    },
  };
}

/**
 * Money summed by crossfilter's reductions, rounded to cents as a dashboard shows it: adding
 * and subtracting floats while rows enter and leave a group drifts (a category's line revenue
 * read 671.8599989955935 for 671.86 after a few hundred filters at 1M orders), and every amount
 * of the shop is in cents.
 */
function cents(sum) {
  return Math.round(sum * 100) / 100;
}

/** Whether the sorted `times` hold a value in `[lo, hi)`. */
function anyIn(times, [lo, hi]) {
  const k = lower(times, lo);
  return k < times.length && times[k] < hi;
}

/** First index with `a[k] >= x`. */
function lower(a, x) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with `a[k] > x`. */
function upper(a, x) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
