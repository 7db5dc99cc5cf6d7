import type { AnalysisDefinition } from '../../types.js';
import { avgOrderCountPerPromoPerCust } from './avg-order-count-per-promo-per-cust.js';
import { boughtWith } from './bought-with.js';
import { categoryTree } from './category-tree.js';
import { clientKpis } from './client-kpis.js';
import { dailyDimensionValues } from './daily-dimension-values.js';
import { dailyInorganicRatio } from './daily-inorganic-ratio.js';
import { dailyOrganicOrders } from './daily-organic-orders.js';
import { dailyPromotionDiscount } from './daily-promotion-discount.js';
import { dailyPromotionRevenue } from './daily-promotion-revenue.js';
import { dailyProductsOfSales } from './daily-products-of-sales.js';
import { dimensionKpis } from './dimension-kpis.js';
import { hourlyInorganicRatio } from './hourly-inorganic-ratio.js';
import { hourlyOrganicOrders } from './hourly-organic-orders.js';
import { inorganicOrdersPerPromotionPerDay } from './inorganic-orders-per-promotion-per-day.js';
import { mostCombinedProducts } from './most-combined-products.js';
import { productKpis } from './product-kpis.js';
import { promotionKpis } from './promotion-kpis.js';
import { promotionNumberOfCustomer } from './promotion-number-of-customer.js';

/** The commerce analyses: products, promotions and entity KPIs (registered through ../index.ts). */
export const COMMERCE_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  mostCombinedProducts,
  dailyProductsOfSales,
  dailyDimensionValues,
  boughtWith,
  categoryTree,
  productKpis,
  dailyOrganicOrders,
  dailyInorganicRatio,
  hourlyOrganicOrders,
  hourlyInorganicRatio,
  dailyPromotionRevenue,
  dailyPromotionDiscount,
  inorganicOrdersPerPromotionPerDay,
  promotionKpis,
  promotionNumberOfCustomer,
  avgOrderCountPerPromoPerCust,
  dimensionKpis,
  clientKpis,
];
