import type { StringColumn } from '@clvkit/core';
import type { AnalysisContext } from '../../types.js';
import { sessionsKept } from '../masks.js';
import { promotionColumn } from './promotions.js';

/** Per promotion code, its use among the orders passing the filter. */
export interface PromotionStats {
  /** Promotion ids by code. */
  readonly names: readonly string[];
  readonly orders: Float64Array;
  readonly revenue: Float64Array;
  readonly discount: Float64Array;
  /** Distinct clients with an order using it. */
  readonly customers: Float64Array;
  /** Earliest and latest session_start of those orders (NaN without orders). */
  readonly firstUse: Float64Array;
  readonly lastUse: Float64Array;
  /** All orders passing the filter, promoted or not. */
  readonly allOrders: number;
}

/**
 * Orders (has_purchased) passing the filter, per promotion_id: count, Σ payment_amount,
 * Σ discount_amount, distinct clients, first and last session_start. Distinct clients are
 * counted by walking the sessions in client order and remembering each promotion's last
 * client (O(sessions), no set per promotion, fine with one code per customer).
 */
export function promotionStats(context: AnalysisContext, analysis: string): PromotionStats {
  const column = promotionColumn(context, analysis);
  // Without a filter the three promotion analyses share one computation (do not modify it).
  const mask = sessionsKept(context);
  return mask === null ? context.derived.memo('promotionStats', () => computeStats(context, column, null)) : computeStats(context, column, mask);
}

function computeStats(context: AnalysisContext, column: StringColumn, mask: Uint8Array | null): PromotionStats {
  const { derived } = context;
  const count = column.dictionary.length;
  const orders = new Float64Array(count);
  const revenue = new Float64Array(count);
  const discount = new Float64Array(count);
  const customers = new Float64Array(count);
  const firstUse = new Float64Array(count).fill(Number.NaN);
  const lastUse = new Float64Array(count).fill(Number.NaN);
  const lastClient = new Int32Array(count).fill(-1);
  const purchased = derived.purchased();
  const pay = derived.numbers('sessions', 'payment_amount', 0);
  const disc = derived.numbers('sessions', 'discount_amount', 0);
  const start = derived.numbers('sessions', 'session_start', Number.NaN);
  const clients = derived.sessionClients().codes;
  const promo = column.codes;
  let allOrders = 0;
  for (let i = 0; i < purchased.length; i++) {
    if ((mask !== null && mask[i] === 0) || purchased[i] === 0) continue;
    allOrders++;
    const p = promo[i];
    if (p < 0) continue;
    orders[p]++;
    if (pay[i] === pay[i]) revenue[p] += pay[i];
    if (disc[i] === disc[i]) discount[p] += disc[i];
    const t = start[i];
    if (t === t) {
      if (!(t >= firstUse[p])) firstUse[p] = t;
      if (!(t <= lastUse[p])) lastUse[p] = t;
    }
  }
  const byClient = derived.sessionsByClient();
  for (let k = 0; k < byClient.length; k++) {
    const i = byClient[k];
    const p = promo[i];
    if (p < 0 || (mask !== null && mask[i] === 0) || purchased[i] === 0) continue;
    if (lastClient[p] !== clients[i]) {
      lastClient[p] = clients[i];
      customers[p]++;
    }
  }
  return { names: column.dictionary, orders, revenue, discount, customers, firstUse, lastUse, allOrders };
}

/** The promotion codes with at least one order, by `value` descending, ties by id. */
export function rankedPromotions(stats: PromotionStats, value: Float64Array): number[] {
  const codes: number[] = [];
  for (let p = 0; p < stats.orders.length; p++) if (stats.orders[p] > 0) codes.push(p);
  const names = stats.names;
  return codes.sort((a, b) => value[b] - value[a] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
}
