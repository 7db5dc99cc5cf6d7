import { importDataset, isIn, MissingInputError, NO_FILTER, present, sessionMask, type AggregateSpec, type Dataset, type Filter, type Predicate, type QueryRequest, type Row, type StringColumn } from '@clvkit/core';
import { clvBy } from '../analyses/clv/clv-by.js';
import { attributeCodes, CLV_BY, clvByResult, emptyClvByResult, groupByCodes, GroupShares, requireClvByInputs, type ClvByKind, type ClvGroups } from '../analyses/clv/clv-by-groups.js';
import { GroupTotals } from '../analyses/clv/group-totals.js';
import { predictionsOf, type Predictions } from '../analyses/clv/predictions.js';
import { throwIfAborted } from '../context.js';
import { derivedColumns } from '../derived.js';
import { DEFAULT_SEED } from '../models/rfm/kmeans1d.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import type { AnalysisContext } from '../types.js';
import { summaryAsOf } from './as-of.js';
import { summaryClvModel, type SummaryClvModel } from './clv.js';
import { customersSource } from './customer-sources.js';
import { customerColumnNames, flattenAnd, isCustomersField } from './customers-index.js';
import { rfmFromSummaries } from './rfm.js';
import { isSegmentClause, MAX_SEGMENT_CLIENTS, splitSegments } from './segments.js';
import type { CustomerRecord, SummaryAnalysis, SummaryEnv } from './types.js';

/**
 * `clv_by` from summaries: the registry's groups, rows and meta (clv-by-groups.ts) over the
 * summary CLV model (`summaryClvModel`: exact t_x and T; x = orders − 1 and the repeat value
 * from firstOrderRevenue, equal to the in-memory model for every customer who never ordered
 * twice on one local day, see clv.ts).
 *
 * Where each group key comes from:
 * - `segment`: the default RFM scoring of the same summary rows at the model's as-of
 *   (`rfmFromSummaries`, as clvsegments_amount);
 * - `location` / `gender`: the customers pages (`env.customers()`): the model's customers as
 *   one session each, linked to their customers row in a small imported dataset, read by the
 *   in-memory `attributeCodes` (blank values and customers without a row in the null group);
 * - `product`: the basket lines of the customer's counted orders, per product, from aggregates
 *   the server answers (`env.query`): the products with their number of customers (`lines` by
 *   product, `visitors`), then each customer's line revenue and quantity per product in one
 *   `lines` aggregate grouped by client and product (Elasticsearch reads the client from the
 *   line's copy, one nested composite). When the catalogue's (client, product) groups would
 *   pass `PAIRS_PER_REQUEST`, the products are split into chunks (`where` product in [...])
 *   whose customer counts add up to at most that, so no request hits the server's bucket cap;
 * - `dimension`: each customer's orders, revenue and units per dimension (a sessions aggregate
 *   by client and dimension).
 * The aggregates run under the order clauses of the fit cut at the as-of (`summaryAsOf`), so
 * they count exactly the orders and lines of the model (the filter's client clauses stay in:
 * they only narrow the clients asked for to the selected ones).
 *
 * expectedUnits: the summary rows' `quantity` (the units of the counted orders' lines passing
 * the filter's line clauses) per order for segment / location / gender; the aggregates' per
 * group quantity for product and dimension. The column is there when the data has basket lines
 * (a `lines` count over everything above 0; in memory: when the dataset has a lines table, so
 * a lines table without a single line differs).
 *
 * Customer clauses select customers without refitting, as in memory: client and rfm_segment
 * clauses through `summaryClvModel`; clauses on customers fields (`customers.location`, ...)
 * here, evaluated by core's `sessionMask` on the same small dataset (a compound `and` mixing
 * customers fields with other fields goes to the fit, unlike in memory).
 * Needs `env.query` for product and dimension and `env.customers` for location and gender.
 */
export const clvBySummary: SummaryAnalysis = {
  name: CLV_BY,
  async run(request, env) {
    const params = clvBy.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const { by } = params;
    const withAttributes = by === 'location' || by === 'gender';
    if ((by === 'product' || by === 'dimension') && !env.query) throw new TypeError(`${CLV_BY}: CLV by ${by} needs aggregates answered by the data source's server, which this source does not offer`);
    const records = env.customers && (withAttributes || mayNameCustomersFields(request.filter)) ? await env.customers() : [];
    // Without customers pages there is no customers table to group by (the in-memory error).
    if (withAttributes && records.length === 0) requireClvByInputs(by, { lines: false });
    const { customerClauses, rest } = splitCustomersFields(request.filter, records);
    const hasUnits = await hasBasketLines(env);
    if (by === 'product') requireClvByInputs(by, { lines: hasUnits });
    const fit = await summaryClvModel(CLV_BY, rest, params.asOf, env);
    if (!fit) return emptyClvByResult(by, params.horizonDays);
    const { model } = fit;
    const predictions = await predict(fit, params.horizonDays, params.discountRate, env);
    const selected = fit.selected.slice();
    const perClient = withAttributes || customerClauses.length > 0 ? await clientDataset(fit, records, env) : null;
    if (perClient && customerClauses.length > 0) {
      const passing = sessionMask(perClient, { mode: 'and', predicates: customerClauses });
      for (let i = 0; i < selected.length; i++) selected[i] &= passing[i];
    }
    const take = (i: number) => selected[i] === 1;
    const unitsPerOrder = (i: number) => (hasUnits ? fit.rows[i].quantity / model.orderCount[i] : 0);
    let groups: ClvGroups;
    if (by === 'segment') {
      const segment = rfmFromSummaries(fit.rows, model.asOf, { method: 'kmeans', monetary: 'total', seed: DEFAULT_SEED }).segment;
      groups = groupByCodes(model, predictions, take, (i) => segment[i], SEGMENTS, unitsPerOrder, 'skip');
    } else if (withAttributes) {
      requireClvByInputs(by, { lines: hasUnits, customers: perClient!.customers });
      const { codes, labels } = attributeCodes(perClient!, derivedColumns(perClient!), by);
      const client = perClient!.sessions.columns.client as StringColumn;
      groups = groupByCodes(model, predictions, take, (i) => codes[client.codes[i]], labels, unitsPerOrder, 'null');
    } else {
      const orderFilter = summaryAsOf(CLV_BY, splitSegments(CLV_BY, rest).rest, params.asOf, env).summariesFilter;
      groups = by === 'product' ? await splitByProduct(fit, predictions, take, orderFilter, env) : await splitByDimension(fit, predictions, take, orderFilter, hasUnits, env);
    }
    let customers = 0;
    for (const s of selected) customers += s;
    return clvByResult(model, groups, { ...params, hasUnits, customers });
  },
};

/** `predictionsOf` of the in-memory analyses (it reads only the model and a checkpoint). */
function predict(fit: SummaryClvModel, horizonDays: number, discountRate: number, env: SummaryEnv): Promise<Predictions> {
  const context = { checkpoint: async () => (env.signal ? throwIfAborted(env.signal) : undefined) } as unknown as AnalysisContext;
  return predictionsOf(context, fit.model, horizonDays, discountRate);
}

/**
 * Splits an `and` filter into its clauses on customers fields (every field of the clause one;
 * rfm_segment clauses excluded: `summaryClvModel` handles them) and the rest. Under `or` every
 * clause selects orders, as in memory.
 */
function splitCustomersFields(filter: Filter, records: readonly CustomerRecord[]): { customerClauses: Predicate[]; rest: Filter } {
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  if (!isAnd || filter.predicates.length === 0) return { customerClauses: [], rest: filter };
  const columns = customerColumnNames(records);
  const isCustomers = (p: Predicate) => !isSegmentClause(p) && flattenAnd([p]).every((q) => !isSegmentClause(q) && isCustomersField(q.field, columns));
  const customerClauses = filter.predicates.filter(isCustomers);
  return { customerClauses, rest: { mode: filter.mode, predicates: filter.predicates.filter((p) => !customerClauses.includes(p)) } };
}

/** Whether a clause of `filter` may be on a customers field (an unqualified name could be a customers column: only the pages tell). */
function mayNameCustomersFields(filter: Filter): boolean {
  return flattenAnd(filter.predicates).some((p) => !isSegmentClause(p) && isCustomersField(p.field, new Set([p.field])));
}

/** Whether the data has basket lines: a `lines` count over everything (without `env.query`: a summary row with units). */
async function hasBasketLines(env: SummaryEnv): Promise<boolean> {
  if (!env.query) return false;
  try {
    const result = await env.query({ spec: { kind: 'aggregate', table: 'lines', measures: ['lines'] }, filter: NO_FILTER });
    return Number(result.rows[0]?.lines ?? 0) > 0;
  } catch (error) {
    if (error instanceof MissingInputError) return false;
    throw error;
  }
}

/**
 * The model's customers as one session each (row i: model row i), linked to their customers
 * row by client id: what core's masks and `attributeCodes` read.
 */
async function clientDataset(fit: SummaryClvModel, records: readonly CustomerRecord[], env: SummaryEnv): Promise<Dataset> {
  const sessions = fit.rows.map((s) => ({ order_id: s.client, client: s.client, session_start: s.firstOrderAt, has_purchased: false, payment_amount: 0 }));
  const tables = records.length > 0 ? { sessions: { data: sessions, format: 'rows' as const }, customers: customersSource(records) } : { sessions: { data: sessions, format: 'rows' as const } };
  const { dataset } = await importDataset(tables, { timeZone: env.time.timeZone, weekStart: env.time.weekStart });
  if (dataset.sessions.length !== fit.rows.length) throw new Error(`${CLV_BY}: ${fit.rows.length - dataset.sessions.length} customer summaries were not imported (empty or repeated client ids)`);
  return dataset;
}

/**
 * The most (client, product) groups one request of `splitByProduct` may return: the proxy's
 * default `maxBuckets` (10 000), which counts groups. A host that lowers `maxBuckets` below it
 * makes a catalogue with more pairs than its cap fail with the proxy's limit error.
 */
export const PAIRS_PER_REQUEST = 10_000;

/** Model row per client id. */
function rowOfClient(fit: SummaryClvModel): Map<string, number> {
  return new Map(fit.rows.map((row, i) => [row.client, i]));
}

/**
 * The `where` clauses of the client × product requests: none (one request) when the products'
 * customer counts add up to at most `PAIRS_PER_REQUEST`; otherwise chunks of products in
 * listing order, each adding up to at most that (a product above it alone) and listing at most
 * `MAX_SEGMENT_CLIENTS` names (the proxy's array cap), and the null product on its own. A
 * product's customer count bounds its groups: a group is a customer with a line of it.
 */
export function productChunks(products: readonly Row[]): Predicate[][] {
  const customers = (row: Row) => (Number.isFinite(Number(row.visitors)) ? Number(row.visitors) : 0);
  if (products.reduce((sum, row) => sum + customers(row), 0) <= PAIRS_PER_REQUEST) return [[]];
  const chunks: Predicate[][] = [];
  let names: string[] = [];
  let pairs = 0;
  const close = () => {
    if (names.length > 0) chunks.push([isIn('product', names)]);
    names = [];
    pairs = 0;
  };
  for (const row of products) {
    if (row.product === null || row.product === undefined) {
      chunks.push([present('product', false)]);
      continue;
    }
    if (names.length > 0 && (pairs + customers(row) > PAIRS_PER_REQUEST || names.length >= MAX_SEGMENT_CLIENTS)) close();
    names.push(String(row.product));
    pairs += customers(row);
  }
  close();
  return chunks;
}

/**
 * Each customer split over their products by line-revenue share (by units when their lines
 * are all free), from the server's per-client, per-product line sums.
 */
async function splitByProduct(fit: SummaryClvModel, predictions: Predictions, take: (i: number) => boolean, orderFilter: Filter, env: SummaryEnv): Promise<ClvGroups> {
  const query = env.query!;
  const products = await query({ spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['visitors'] }, filter: orderFilter });
  const labels = products.rows.map((row) => row.product).filter((p): p is string => p !== null && p !== undefined).map(String);
  const codeOf = new Map(labels.map((label, code) => [label, code]));
  const row = rowOfClient(fit);
  const totals = new GroupTotals(labels.length + 1, fit.model, predictions);
  const shares = new GroupShares(labels.length + 1);
  // Per model row, its (code, line revenue, units) parts.
  const parts: [number, number, number][][] = fit.rows.map(() => []);
  for (const where of productChunks(products.rows)) {
    if (env.signal) throwIfAborted(env.signal);
    const spec: AggregateSpec = { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'client' }, { field: 'product' }], measures: ['lineRevenue', 'quantity'], ...(where.length > 0 && { where }) };
    const result = await query({ spec, filter: orderFilter });
    for (const r of result.rows) {
      if (r.client === null || r.client === undefined) {
        // Every session has a client, so a null one means lines without the client copy.
        throw new TypeError(`${CLV_BY}: the server's basket lines have no client (an Elasticsearch orders index written before lines carried basket.client); re-ingest it (see the @clvkit/elasticsearch README, Indices)`);
      }
      const i = row.get(String(r.client));
      const code = r.product === null || r.product === undefined ? labels.length : codeOf.get(String(r.product));
      if (i !== undefined && code !== undefined && take(i)) parts[i].push([code, Number(r.lineRevenue), Number(r.quantity)]);
    }
  }
  parts.forEach((list, i) => {
    if (list.length === 0) return;
    for (const [code, revenue, units] of list) shares.add(code, revenue, units, units);
    shares.flush(totals, i, fit.model.orderCount[i]);
  });
  return { totals, labels: [...labels, null] };
}

/**
 * Each customer split over the dimensions of their orders by revenue share (by order count
 * when it is all zero), from the server's per-client, per-dimension orders, revenue and units.
 */
async function splitByDimension(fit: SummaryClvModel, predictions: Predictions, take: (i: number) => boolean, orderFilter: Filter, hasUnits: boolean, env: SummaryEnv): Promise<ClvGroups> {
  const measures = hasUnits ? (['revenue', 'orders', 'quantity'] as const) : (['revenue', 'orders'] as const);
  const result = await env.query!({ spec: { kind: 'aggregate', groupBy: [{ field: 'client' }, { field: 'dimension' }], measures: [...measures] }, filter: orderFilter });
  const labels: string[] = [];
  const codeOf = new Map<string, number>();
  const row = rowOfClient(fit);
  const parts: Row[][] = fit.rows.map(() => []);
  for (const r of result.rows) {
    const i = row.get(String(r.client));
    if (i === undefined || !take(i) || !(Number(r.orders) > 0)) continue;
    if (r.dimension !== null && r.dimension !== undefined && !codeOf.has(String(r.dimension))) {
      codeOf.set(String(r.dimension), labels.length);
      labels.push(String(r.dimension));
    }
    parts[i].push(r);
  }
  const totals = new GroupTotals(labels.length + 1, fit.model, predictions);
  const shares = new GroupShares(labels.length + 1);
  parts.forEach((list, i) => {
    if (list.length === 0) return;
    for (const r of list) {
      const code = r.dimension === null || r.dimension === undefined ? labels.length : codeOf.get(String(r.dimension))!;
      shares.add(code, Number(r.revenue), Number(r.orders), hasUnits ? Number(r.quantity) : 0);
    }
    shares.flush(totals, i, fit.model.orderCount[i]);
  });
  return { totals, labels: [...labels, null] };
}
