/**
 * Timing of the analytics hot paths on a synthetic 1M-session dataset (not a test; prints a
 * table). Every timed call moves the brush, so the interval's mask is recomputed each time;
 * the other clause stays and comes from the predicate cache, as while cross-filtering.
 * A plain 1M-element loop is timed alongside, to tell a slow query from a busy machine.
 *
 *   npx esbuild packages/analytics/bench/aggregate-bench.ts --bundle --platform=node --format=esm \
 *     --alias:@clvkit/core=./packages/core/src/index.ts --alias:@clvkit/analytics=./packages/analytics/src/index.ts \
 *     --outfile=/tmp/clvkit-analytics-bench.mjs && node /tmp/clvkit-analytics-bench.mjs [sessions]
 */
import { runQuery } from '@clvkit/analytics';
import { interval, isIn, prefix, type Dataset, type Filter, type QuerySpec } from '@clvkit/core';
import { mulberry32 } from '@clvkit/analytics';

const DAY = 86_400_000;

const rng = mulberry32;

/** n sessions over two years (60 % orders), 2 lines each, `clients` clients, 8 dimension values. */
function synthetic(n: number, clients: number, timeZone: string): Dataset {
  const random = rng(1);
  const t0 = Date.parse('2023-01-01T00:00:00Z');
  const start = new Float64Array(n);
  const pay = new Float64Array(n);
  const discount = new Float64Array(n);
  const purchased = new Uint8Array(n);
  const client = new Int32Array(n);
  const dimension = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = t0 + Math.floor((i / n) * 730 * DAY + random() * 3_600_000);
    purchased[i] = random() < 0.6 ? 1 : 0;
    pay[i] = purchased[i] ? Math.round(random() * 20_000) / 100 : 0;
    discount[i] = purchased[i] && random() < 0.2 ? 5 : 0;
    client[i] = Math.floor(random() * clients);
    dimension[i] = Math.floor(random() * 8);
  }
  const lines = 2 * n;
  const order = new Int32Array(lines);
  const product = new Int32Array(lines);
  const category = new Int32Array(lines);
  const price = new Float64Array(lines);
  const quantity = new Float64Array(lines);
  for (let l = 0; l < lines; l++) {
    order[l] = l >> 1;
    product[l] = Math.floor(random() * 2000);
    category[l] = Math.floor(random() * 40);
    price[l] = 10;
    quantity[l] = 1 + Math.floor(random() * 3);
  }
  const names = (k: number, p: string) => Array.from({ length: k }, (_, i) => `${p}${i}`);
  return {
    sessions: {
      name: 'sessions',
      length: n,
      columns: {
        client: { type: 'string', codes: client, dictionary: names(clients, 'c') },
        session_start: { type: 'time', values: start },
        has_purchased: { type: 'boolean', values: purchased },
        payment_amount: { type: 'number', values: pay },
        discount_amount: { type: 'number', values: discount },
        dimension: { type: 'string', codes: dimension, dictionary: names(8, 'd') },
      },
    },
    lines: {
      name: 'lines',
      length: lines,
      columns: {
        order: { type: 'ref', table: 'sessions', rows: order },
        product: { type: 'string', codes: product, dictionary: names(2000, 'p') },
        category: { type: 'string', codes: category, dictionary: Array.from({ length: 40 }, (_, i) => `cat${i % 8}/sub${i}`) },
        price: { type: 'number', values: price },
        quantity: { type: 'number', values: quantity },
      },
    },
    sessionActions: [],
    customerActions: [],
    ordersOnly: false,
    time: { timeZone, weekStart: 1 },
  };
}

function baseline(n: number): number {
  const a = new Int32Array(n);
  const m = new Uint8Array(n).fill(1);
  const t = performance.now();
  let s = 0;
  for (let i = 0; i < n; i++) if (m[i]) s += a[i];
  return performance.now() - t + s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function time(label: string, run: (rep: number) => unknown, reps = 15): void {
  const t = performance.now();
  run(-1);
  const first = performance.now() - t;
  const times: number[] = [];
  const loops: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    loops.push(baseline(1_000_000));
    const s = performance.now();
    run(rep);
    times.push(performance.now() - s);
  }
  console.log(`${label.padEnd(56)} first ${first.toFixed(1).padStart(7)} ms  median ${median(times).toFixed(1).padStart(6)} ms  min ${Math.min(...times).toFixed(1).padStart(6)} ms  (1M loop ${median(loops).toFixed(1)} ms)`);
}

const n = Number(process.argv[2] ?? 1_000_000);
for (const timeZone of ['UTC', 'Europe/Berlin']) {
  const t = performance.now();
  const data = synthetic(n, Math.max(1, Math.round(n / 10)), timeZone);
  console.log(`\n${timeZone}: ${n} sessions, ${2 * n} lines, ${Math.round(n / 10)} clients (built in ${(performance.now() - t).toFixed(0)} ms)`);
  const lo = Date.parse('2023-06-01T00:00:00Z');
  const brush = (rep: number): Filter => ({ mode: 'and', predicates: [interval('session_start', lo + rep * DAY, lo + rep * DAY + 92 * DAY), isIn('dimension', ['d1', 'd2', 'd3'])] });
  const none: Filter = { mode: 'and', predicates: [] };
  const q = (spec: QuerySpec, filter: (rep: number) => Filter) => (rep: number) => runQuery(data, { spec, filter: filter(rep) });
  const day: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'] };
  time('day: orders, revenue (no filter)', q(day, () => none));
  time('day: orders, revenue (moving brush + dimension)', q(day, brush));
  time('day: orders, revenue (category prefix, via lines)', q(day, (rep) => ({ mode: 'and', predicates: [prefix('category', [`cat${rep & 7}`])] })));
  time('day: orders, revenue, visitors, buyers (brush)', q({ ...day, measures: ['orders', 'revenue', 'visitors', 'buyers'] }, brush));
  time('week x dimension: orders (brush)', q({ kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'week' }, { field: 'dimension' }], measures: ['orders'] }, brush));
  time('lines by product: orders, quantity, lineRevenue top 10', q({ kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'orders' }, limit: 10 }, brush));
  time('kpis (brush period and previous period)', q({ kind: 'analysis', name: 'kpis' }, brush));
  time('hourly_orders (no filter)', q({ kind: 'analysis', name: 'hourly_orders' }, () => none));
  time('daily_orders (brush)', q({ kind: 'analysis', name: 'daily_orders' }, brush));
  time('most_ordered_categories depth 1 (brush)', q({ kind: 'analysis', name: 'most_ordered_categories', params: { depth: 1 } }, brush));
  time('dimension_values (brush)', q({ kind: 'analysis', name: 'dimension_values' }, brush));
}
