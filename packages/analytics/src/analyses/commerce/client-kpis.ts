import type { Row } from '@clvkit/core';
import { customerOrders } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { codeOf } from './line-columns.js';
import { requiredString } from './required-param.js';
import { compareText } from './top-k.js';

export interface ClientKpisParams {
  readonly client: string;
  /** How many favourite products meta lists. */
  readonly limit: number;
}

/** The metrics of `client_kpis`, in row order. */
export const CLIENT_KPI_METRICS = ['orders', 'revenue', 'discount', 'sessions', 'averageOrderValue', 'firstOrder', 'lastOrder', 'daysBetweenOrders', 'quantity'] as const;

const DAY_MS = 86_400_000;

/**
 * `client_kpis`: one client's figures (param `client`, required) for the entity view, over
 * their sessions passing the filter. Rows `{ metric, value }` for: orders (sessions with
 * has_purchased); revenue = Σ payment_amount and discount = Σ discount_amount of those
 * orders; sessions; averageOrderValue = revenue / orders; firstOrder / lastOrder = the
 * earliest / latest order's session_start (epoch ms); daysBetweenOrders = the mean gap
 * between consecutive orders = (lastOrder − firstOrder) / (orders − 1) / 86 400 000 (exact
 * days, null with fewer than 2 orders); quantity = Σ quantity of the orders' basket lines
 * passing the filter (null without basket lines). Null where undefined (no orders).
 * meta: `{ client, found (the client has any session at all), favouriteProducts }`:
 * the client's top `limit` (5) products `{ product, orders, quantity, revenue }` (orders =
 * their orders containing it, revenue = Σ price × quantity of its lines) by orders, then
 * quantity, then name; null without basket lines.
 */
export const clientKpis = defineAnalysis<ClientKpisParams>({
  name: 'client_kpis',
  description: "One client's orders, revenue, first and last order, order value, days between orders and favourite products",
  params: (raw) => {
    const read = new ParamReader('client_kpis', raw, ['client', 'limit']);
    return { client: requiredString(read, 'client_kpis', 'client'), limit: read.integer('limit', 1, 1000, 5) };
  },
  run(context, params) {
    const { derived, dataset } = context;
    const clientColumn = dataset.sessions.columns.client;
    const client = clientColumn?.type === 'string' ? codeOf(context, clientColumn, 'sessions.client', params.client) : -1;
    let sessions = 0;
    let orders = 0;
    let revenue = 0;
    let discount = 0;
    let firstOrder: number | null = null;
    let lastOrder: number | null = null;
    const orderRows: number[] = [];
    if (client >= 0) {
      const mask = context.sessionMask();
      const codes = derived.sessionClients().codes;
      for (let i = 0; i < codes.length; i++) if (codes[i] === client && mask[i] === 1) sessions++;
      const all = customerOrders(context);
      const pay = derived.numbers('sessions', 'payment_amount', 0);
      const disc = derived.numbers('sessions', 'discount_amount', 0);
      for (let k = all.starts[client]; k < all.starts[client + 1]; k++) {
        const o = all.rows[k];
        orderRows.push(o);
        orders++;
        if (pay[o] === pay[o]) revenue += pay[o];
        if (disc[o] === disc[o]) discount += disc[o];
      }
      if (orders > 0) {
        firstOrder = all.start[orderRows[0]];
        lastOrder = all.start[orderRows[orders - 1]];
      }
    }
    const favourites = dataset.lines ? favouriteProducts(context, orderRows, params.limit) : null;
    const values: Record<(typeof CLIENT_KPI_METRICS)[number], number | null> = {
      orders,
      revenue,
      discount,
      sessions,
      averageOrderValue: orders > 0 ? revenue / orders : null,
      firstOrder,
      lastOrder,
      daysBetweenOrders: orders > 1 && firstOrder !== null && lastOrder !== null ? (lastOrder - firstOrder) / (orders - 1) / DAY_MS : null,
      quantity: favourites ? favourites.quantity : null,
    };
    const rows: Row[] = CLIENT_KPI_METRICS.map((metric) => ({ metric, value: values[metric] }));
    return { rows, meta: { client: params.client, found: client >= 0, favouriteProducts: favourites ? favourites.top : null } };
  },
});

/** The products of the given orders' lines passing the filter, and their total quantity. */
function favouriteProducts(context: AnalysisContext, orderRows: readonly number[], limit: number): { top: Row[]; quantity: number } {
  const { derived } = context;
  const column = context.dataset.lines!.columns.product;
  const mask = context.lineMask();
  const qty = derived.numbers('lines', 'quantity', 1);
  const price = derived.numbers('lines', 'price', 0);
  const { rows: lineRows, starts } = derived.linesOfOrders();
  const productCodes = column?.type === 'string' ? column.codes : null;
  const perProduct = new Map<number, { orders: number; quantity: number; revenue: number; lastOrder: number }>();
  let quantity = 0;
  for (const o of orderRows) {
    for (let k = starts[o]; k < starts[o + 1]; k++) {
      const l = lineRows[k];
      if (mask[l] === 0) continue;
      const q = qty[l] === qty[l] ? qty[l] : 1;
      quantity += q;
      const p = productCodes === null ? -1 : productCodes[l];
      if (p < 0) continue;
      let entry = perProduct.get(p);
      if (!entry) perProduct.set(p, (entry = { orders: 0, quantity: 0, revenue: 0, lastOrder: -1 }));
      if (entry.lastOrder !== o) {
        entry.lastOrder = o;
        entry.orders++;
      }
      entry.quantity += q;
      entry.revenue += (price[l] === price[l] ? price[l] : 0) * q;
    }
  }
  const names = column?.type === 'string' ? column.dictionary : [];
  const top = [...perProduct]
    .sort(([a, x], [b, y]) => y.orders - x.orders || y.quantity - x.quantity || compareText(names[a], names[b]))
    .slice(0, limit)
    .map(([p, e]): Row => ({ product: names[p], orders: e.orders, quantity: e.quantity, revenue: e.revenue }));
  return { top, quantity };
}
