/**
 * The obvious alternative for the relational analyses: arquero (bench only: it generates code
 * with `new Function`, which clvkit's packages never do) computing the same numbers from the
 * same columns, timed beside clvkit and checked equal to clvkit's rows.
 *
 * The arquero tables wrap the dataset's own typed arrays (strings as their dictionary codes,
 * which is what an arquero user with dictionary-encoded data would group on); building them
 * is timed apart as setup. Days and months are UTC (the sample shop's zone), so arquero's
 * `floor(t / day)` and `utcmonth` are the dataset's calendar.
 */
import * as aq from 'arquero';
import { allCustomerOrders, datasetSummaryColumns, derivedColumns, rfmValues, runAnalysis, withDerivedFields, type SummaryColumns } from '@clvkit/analytics';
import { NO_FILTER, type Dataset, type Row } from '@clvkit/core';
import { coldCopy } from './data.js';

const { op } = aq;
const DAY = 86400000;

/** One computation done both ways. */
export interface PeerResult {
  name: string;
  /** The clvkit analysis (or model function) it mirrors. */
  clvkit: string;
  clvkitColdMs: number;
  clvkitWarmMs: number;
  arqueroMs: number;
  agrees: boolean;
  /** What was compared, or the first difference. */
  detail: string;
}

type Table = ReturnType<typeof aq.table>;

interface Tables {
  sessions: Table;
  orders: Table;
  lines: Table;
}

interface Peer<C, A> {
  name: string;
  clvkit: string;
  runClvkit(dataset: Dataset): C;
  runArquero(tables: Tables): A;
  compare(ours: C, theirs: A, dataset: Dataset): string | null;
  describe: string;
}

/** Runs every peer (those `wanted` by name); `setupMs` is the arquero tables' construction. */
export function runPeers(base: Dataset, repeat: number, wanted: (name: string) => boolean): { peers: PeerResult[]; setupMs: number } {
  if (base.time.timeZone !== 'UTC') throw new Error(`the arquero peers assume UTC days, the data is in ${base.time.timeZone}`);
  const t0 = performance.now();
  const tables = arqueroTables(base);
  const setupMs = performance.now() - t0;
  const out: PeerResult[] = [];
  for (const peer of PEERS as Peer<unknown, unknown>[]) {
    if (!wanted(peer.name) && !wanted(peer.clvkit)) continue;
    const fresh = coldCopy(base);
    const cold = timed(() => peer.runClvkit(fresh));
    let warm = Infinity;
    for (let k = 0; k < repeat; k++) warm = Math.min(warm, timed(() => peer.runClvkit(fresh)).ms);
    let arquero = Infinity;
    let theirs: unknown;
    for (let k = 0; k < repeat; k++) {
      const run = timed(() => peer.runArquero(tables));
      arquero = Math.min(arquero, run.ms);
      theirs = run.value;
    }
    const difference = peer.compare(cold.value, theirs, fresh);
    out.push({ name: peer.name, clvkit: peer.clvkit, clvkitColdMs: cold.ms, clvkitWarmMs: warm, arqueroMs: arquero, agrees: difference === null, detail: difference ?? peer.describe });
    console.error(`[analyses] peer ${peer.name}: clvkit ${cold.ms.toFixed(0)} / ${warm.toFixed(0)} ms, arquero ${arquero.toFixed(0)} ms, ${difference === null ? 'agree' : `DIFFER: ${difference}`}`);
  }
  return { peers: out, setupMs };
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function arqueroTables(dataset: Dataset): Tables {
  const s = dataset.sessions.columns;
  const n = dataset.sessions.length;
  const row = new Int32Array(n);
  for (let i = 0; i < n; i++) row[i] = i;
  const sessions = aq.table({
    row,
    client: codes(s.client),
    t: numbers(s.session_start),
    purchased: (s.has_purchased as { values: Uint8Array }).values,
    pay: numbers(s.payment_amount),
    disc: numbers(s.discount_amount),
  });
  const l = dataset.lines!.columns;
  const lines = aq.table({
    order: (l.order as { rows: Int32Array }).rows,
    product: codes(l.product),
    price: numbers(l.price),
    quantity: numbers(l.quantity),
  });
  // The orders, as an arquero user would keep them: the sessions filtered once, reified.
  const orders = sessions.filter((d: { purchased: number }) => d.purchased === 1).reify();
  return { sessions, orders, lines };
}

function codes(column: unknown): Int32Array {
  return (column as { codes: Int32Array }).codes;
}

function numbers(column: unknown): Float64Array {
  return (column as { values: Float64Array }).values;
}

function analysis(dataset: Dataset, name: string, params: Record<string, unknown> = {}) {
  return runAnalysis(dataset, name, params, NO_FILTER);
}

/** Relative difference small enough for sums added in another order. */
function close(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function objects(table: Table): Row[] {
  return table.objects() as Row[];
}

// ---------------------------------------------------------------------------------------------

const kpisPeer: Peer<Row[], Row> = {
  name: 'kpis totals',
  clvkit: 'kpis',
  describe: 'orders, revenue, discount, sessions, visitors, buyers, quantity over all data',
  runClvkit: (dataset) => analysis(dataset, 'kpis').rows as Row[],
  runArquero({ sessions, orders, lines }) {
    const all = objects(sessions.rollup({ sessions: op.count(), visitors: op.distinct('client') }))[0];
    const bought = objects(orders.rollup({ orders: op.count(), revenue: op.sum('pay'), discount: op.sum('disc'), buyers: op.distinct('client') }))[0];
    const quantity = objects(
      lines
        .lookup(orders, ['order', 'row'], 'purchased')
        .filter((d: { purchased: number | undefined }) => d.purchased === 1)
        .rollup({ quantity: op.sum('quantity') }),
    )[0];
    return { ...all, ...bought, ...quantity };
  },
  compare(ours, theirs) {
    for (const metric of ['orders', 'revenue', 'discount', 'sessions', 'visitors', 'buyers', 'quantity']) {
      const row = ours.find((r) => r.metric === metric);
      if (!row || !close(Number(row.value), Number(theirs[metric]))) return `${metric}: clvkit ${row?.value}, arquero ${theirs[metric]}`;
    }
    return null;
  },
};

const dailyPeer: Peer<Row[], Row[]> = {
  name: 'orders per day',
  clvkit: 'daily_orders',
  describe: 'orders and revenue of every day',
  runClvkit: (dataset) => analysis(dataset, 'daily_orders').rows as Row[],
  runArquero: ({ orders }) =>
    objects(
      orders
        .derive({ day: (d: { t: number }) => op.floor(d.t / 86400000) * 86400000 })
        .groupby('day')
        .rollup({ orders: op.count(), revenue: op.sum('pay') })
        .orderby('day'),
    ),
  compare(ours, theirs) {
    const byDay = new Map(theirs.map((r) => [Number(r.day), r]));
    let nonEmpty = 0;
    for (const row of ours) {
      if (row.orders === 0) continue;
      nonEmpty++;
      const other = byDay.get(Number(row.bucket));
      if (!other || other.orders !== row.orders || !close(Number(row.revenue), Number(other.revenue))) {
        return `day ${new Date(Number(row.bucket)).toISOString().slice(0, 10)}: clvkit ${row.orders} / ${row.revenue}, arquero ${other?.orders} / ${other?.revenue}`;
      }
    }
    return nonEmpty === theirs.length ? null : `${nonEmpty} days with orders in clvkit, ${theirs.length} in arquero`;
  },
};

const productsPeer: Peer<Row[], Row[]> = {
  name: 'top products by revenue',
  clvkit: 'most_ordered_products',
  describe: 'top 10 products: distinct orders, quantity, Σ price × quantity',
  runClvkit: (dataset) => analysis(dataset, 'most_ordered_products', { metric: 'revenue', limit: 10 }).rows as Row[],
  runArquero: ({ orders, lines }) =>
    objects(
      lines
        .filter((d: { product: number }) => d.product >= 0)
        .lookup(orders, ['order', 'row'], 'purchased')
        .filter((d: { purchased: number | undefined }) => d.purchased === 1)
        .groupby('product')
        .rollup({
          orders: op.distinct('order'),
          quantity: op.sum('quantity'),
          revenue: (d: { price: number; quantity: number }) => op.sum(d.price * d.quantity),
        })
        .orderby(aq.desc('revenue'))
        .slice(0, 10),
    ),
  compare(ours, theirs, dataset) {
    const names = (dataset.lines!.columns.product as { dictionary: readonly string[] }).dictionary;
    if (ours.length !== theirs.length) return `${ours.length} rows in clvkit, ${theirs.length} in arquero`;
    for (let i = 0; i < ours.length; i++) {
      const a = ours[i];
      const b = theirs[i];
      if (a.product !== names[Number(b.product)] || a.orders !== b.orders || !close(Number(a.quantity), Number(b.quantity)) || !close(Number(a.revenue), Number(b.revenue))) {
        return `rank ${i + 1}: clvkit ${JSON.stringify(a)}, arquero ${names[Number(b.product)]} ${JSON.stringify(b)}`;
      }
    }
    return null;
  },
};

const cohortsPeer: Peer<Row[], Row[]> = {
  name: 'monthly retention cohorts',
  clvkit: 'retention_cohorts',
  describe: 'per (first-order month, months since): customers, orders, revenue, cohort size',
  runClvkit: (dataset) => analysis(dataset, 'retention_cohorts', { bucket: 'month' }).rows as Row[],
  runArquero({ orders }) {
    const monthly = orders.derive({ month: (d: { t: number }) => op.utcyear(d.t) * 12 + op.utcmonth(d.t) });
    const firsts = monthly.groupby('client').rollup({ first: op.min('month') });
    const sizes = firsts.groupby('first').rollup({ size: op.count() });
    return objects(
      monthly
        .lookup(firsts, 'client', 'first')
        .derive({ offset: (d: { month: number; first: number }) => d.month - d.first })
        .groupby('first', 'offset')
        .rollup({ customers: op.distinct('client'), orders: op.count(), revenue: op.sum('pay') })
        .lookup(sizes, 'first', 'size'),
    );
  },
  compare(ours, theirs) {
    const key = (first: number, offset: number) => `${first}:${offset}`;
    const byCell = new Map(theirs.map((r) => [key(Number(r.first), Number(r.offset)), r]));
    let nonEmpty = 0;
    for (const row of ours) {
      if (row.customers === 0) continue;
      nonEmpty++;
      const [y, m] = String(row.cohort).split('-').map(Number);
      const other = byCell.get(key(y * 12 + m - 1, Number(row.offset)));
      if (!other || other.customers !== row.customers || other.orders !== row.orders || other.size !== row.cohortSize || !close(Number(row.revenue), Number(other.revenue))) {
        return `cohort ${row.cohort} +${row.offset}: clvkit ${JSON.stringify(row)}, arquero ${JSON.stringify(other)}`;
      }
    }
    return nonEmpty === theirs.length ? null : `${nonEmpty} non-empty cells in clvkit, ${theirs.length} in arquero`;
  },
};

const summaryPeer: Peer<SummaryColumns, Row[]> = {
  name: 'BG/NBD customer summary',
  clvkit: 'datasetSummaryColumns',
  describe: 'per customer x, t_x, T (days) and monetary = mean repeat-day value',
  runClvkit: (dataset) => datasetSummaryColumns(withDerivedFields(dataset), { unit: 'day' }),
  runArquero({ orders }) {
    const days = orders
      .derive({ day: (d: { t: number }) => op.floor(d.t / 86400000) })
      .groupby('client', 'day')
      .rollup({ value: op.sum('pay') });
    const end = Number(objects(days.rollup({ end: op.max('day') }))[0].end);
    const perClient = days.groupby('client').rollup({ n: op.count(), first: op.min('day'), last: op.max('day'), total: op.sum('value') });
    const firstValue = days
      .lookup(perClient, 'client', 'first')
      .filter((d: { day: number; first: number }) => d.day === d.first)
      .select('client', 'value');
    return objects(
      perClient
        .lookup(firstValue, 'client', 'value')
        .params({ end })
        .derive({
          x: (d: { n: number }) => d.n - 1,
          tx: (d: { last: number; first: number }) => d.last - d.first,
          T: (d: { first: number }, $: { end: number }) => $.end - d.first,
          monetary: (d: { n: number; total: number; value: number }) => (d.n > 1 ? (d.total - d.value) / (d.n - 1) : 0),
        }),
    );
  },
  compare(ours, theirs) {
    if (ours.length !== theirs.length) return `${ours.length} customers in clvkit, ${theirs.length} in arquero`;
    const byClient = new Map(theirs.map((r) => [Number(r.client), r]));
    for (let i = 0; i < ours.length; i++) {
      const other = byClient.get(ours.client[i]);
      if (!other || other.x !== ours.x[i] || other.tx !== ours.tx[i] || other.T !== ours.T[i] || !close(ours.monetary[i], Number(other.monetary))) {
        return `client code ${ours.client[i]}: clvkit x ${ours.x[i]} t_x ${ours.tx[i]} T ${ours.T[i]} m ${ours.monetary[i]}, arquero ${JSON.stringify(other)}`;
      }
    }
    return null;
  },
};

type Features = ReturnType<typeof rfmValues>;

const rfmPeer: Peer<Features, Row[]> = {
  name: 'RFM features',
  clvkit: 'rfmValues',
  describe: 'per customer recency (days to the last session), frequency, monetary (Σ payment)',
  runClvkit(dataset) {
    const derived = derivedColumns(withDerivedFields(dataset));
    const extent = derived.sessionStartExtent()!;
    return rfmValues(allCustomerOrders(derived), derived.numbers('sessions', 'payment_amount', 0), { asOf: extent[1], before: Infinity });
  },
  runArquero({ sessions, orders }) {
    const asOf = Number(objects(sessions.rollup({ asOf: op.max('t') }))[0].asOf);
    return objects(
      orders
        .groupby('client')
        .rollup({ last: op.max('t'), frequency: op.count(), monetary: op.sum('pay') })
        .params({ asOf, day: DAY })
        .derive({ recency: (d: { last: number }, $: { asOf: number; day: number }) => ($.asOf - d.last) / $.day }),
    );
  },
  compare(ours, theirs) {
    if (ours.clients.length !== theirs.length) return `${ours.clients.length} customers in clvkit, ${theirs.length} in arquero`;
    const byClient = new Map(theirs.map((r) => [Number(r.client), r]));
    for (let i = 0; i < ours.clients.length; i++) {
      const other = byClient.get(ours.clients[i]);
      if (!other || other.frequency !== ours.frequency[i] || !close(ours.recency[i], Number(other.recency)) || !close(ours.monetary[i], Number(other.monetary))) {
        return `client code ${ours.clients[i]}: clvkit r ${ours.recency[i]} f ${ours.frequency[i]} m ${ours.monetary[i]}, arquero ${JSON.stringify(other)}`;
      }
    }
    return null;
  },
};

const PEERS = [kpisPeer, dailyPeer, productsPeer, cohortsPeer, summaryPeer, rfmPeer];
