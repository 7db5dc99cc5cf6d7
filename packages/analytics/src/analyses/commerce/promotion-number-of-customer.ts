import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { promotionStats, rankedPromotions } from './promotion-stats.js';

/**
 * `promotion_number_of_customer` (a seed report name): per promotion_id used by an order
 * (has_purchased) passing the filter, `{ promotion, customers }` = the distinct clients with
 * an order using it (the `customers` of promotion_kpis). Sorted by customers descending, ties
 * by id. Needs a promotion_id column.
 */
export const promotionNumberOfCustomer = defineAnalysis({
  name: 'promotion_number_of_customer',
  description: 'Distinct customers per promotion',
  params: (raw) => {
    new ParamReader('promotion_number_of_customer', raw, []);
    return {};
  },
  run(context) {
    const stats = promotionStats(context, 'promotion_number_of_customer');
    const rows: Row[] = rankedPromotions(stats, stats.customers).map((p) => ({ promotion: stats.names[p], customers: stats.customers[p] }));
    return { rows };
  },
});
