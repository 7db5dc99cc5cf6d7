import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { promotionStats, rankedPromotions } from './promotion-stats.js';

export interface PromotionKpisParams {
  /** Only this promotion (its entity view); null = every promotion. */
  readonly promotion: string | null;
  readonly limit: number;
}

/**
 * `promotion_kpis`: per promotion_id used by an order (has_purchased) passing the filter, one
 * row `{ promotion, orders, revenue, discount, customers, ordersPerCustomer, firstUse,
 * lastUse }`: orders using it; revenue = Σ payment_amount and discount = Σ discount_amount of
 * those orders; customers = distinct clients among them; ordersPerCustomer = orders /
 * customers; firstUse / lastUse = the earliest / latest session_start of those orders (epoch
 * ms). Sorted by orders descending, ties by id; the first `limit` (all). Param `promotion`
 * keeps only that id (no row when it has no order under the filter). meta: `{ orders (all
 * orders under the filter), promotedOrders, promotions (ids with an order) }`. Needs a
 * promotion_id column.
 */
export const promotionKpis = defineAnalysis<PromotionKpisParams>({
  name: 'promotion_kpis',
  description: 'Per promotion: orders, revenue, discount, customers, orders per customer, first and last use',
  params: (raw) => {
    const read = new ParamReader('promotion_kpis', raw, ['promotion', 'limit']);
    const promotion = read.string('promotion', '');
    return { promotion: promotion === '' ? null : promotion, limit: read.integer('limit', 1, 1_000_000_000, 1_000_000_000) };
  },
  run(context, params) {
    const stats = promotionStats(context, 'promotion_kpis');
    const ranked = rankedPromotions(stats, stats.orders);
    let promotedOrders = 0;
    for (const p of ranked) promotedOrders += stats.orders[p];
    const shown = params.promotion === null ? ranked : ranked.filter((p) => stats.names[p] === params.promotion);
    const rows: Row[] = shown.slice(0, params.limit).map((p) => ({
      promotion: stats.names[p],
      orders: stats.orders[p],
      revenue: stats.revenue[p],
      discount: stats.discount[p],
      customers: stats.customers[p],
      ordersPerCustomer: stats.customers[p] > 0 ? stats.orders[p] / stats.customers[p] : null,
      firstUse: Number.isNaN(stats.firstUse[p]) ? null : stats.firstUse[p],
      lastUse: Number.isNaN(stats.lastUse[p]) ? null : stats.lastUse[p],
    }));
    return { rows, meta: { orders: stats.allOrders, promotedOrders, promotions: ranked.length } };
  },
});
