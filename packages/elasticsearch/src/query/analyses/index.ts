import { getAnalysis, type BoughtWithParams, type MostCombinedProductsParams } from '@clvkit/analytics';
import type { Filter, QueryResult } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { UnsupportedQueryError } from '../errors.js';
import { funnel, funnelOverTime, hourlyFunnel } from './funnel.js';
import { kpis } from './kpis.js';
import { hourlyOrders, ordersOverTime } from './orders-over-time.js';
import { dailyInorganicRatio, dailyOrganicOrders, hourlyInorganicRatio, hourlyOrganicOrders } from './promotions.js';
import { dailyDimensionValues, promotionDays, weeklyAverage } from './daily-tables.js';
import { categoryTree } from './category-tree.js';
import { clientKpis } from './client-kpis.js';
import { productKpis } from './product-kpis.js';
import { dailyProductsOfSales } from './products-of-sales.js';
import { avgOrderCountPerPromoPerCust, dimensionKpis, promotionKpis, promotionNumberOfCustomer } from './segments.js';
import { dimensionValues, topLineValues, type DimensionValuesParams, type TopParams } from './top-values.js';
import { mostCombined } from './most-combined.js';
import { boughtWith } from './bought-with.js';

/**
 * The analyses pushed down to Elasticsearch aggregations, by registry name. Params are
 * validated by the registry's own reader (same defaults, same errors as in memory). Every other
 * analysis is refused with an UnsupportedQueryError naming it (README, "Query layer": some run
 * in the worker from `executeSummaries`, others need data the orders index lacks).
 */
type Runner = (env: QueryEnv, filter: Filter, params: unknown) => Promise<QueryResult>;

const PUSHED_DOWN: Readonly<Record<string, Runner>> = Object.freeze({
  kpis: (env, f) => kpis(env, f),
  daily_orders: (env, f) => ordersOverTime(env, f, 'day'),
  weekly_orders: (env, f) => ordersOverTime(env, f, 'week'),
  monthly_orders: (env, f) => ordersOverTime(env, f, 'month'),
  hourly_orders: (env, f) => hourlyOrders(env, f),
  most_ordered_products: (env, f, p) => topLineValues(env, f, 'product', p as TopParams),
  most_ordered_categories: (env, f, p) => topLineValues(env, f, 'category', p as TopParams),
  dimension_values: (env, f, p) => dimensionValues(env, f, p as DimensionValuesParams),
  daily_organic_orders: (env, f) => dailyOrganicOrders(env, f),
  daily_inorganic_ratio: (env, f) => dailyInorganicRatio(env, f),
  hourly_organic_orders: (env, f) => hourlyOrganicOrders(env, f),
  hourly_inorganic_ratio: (env, f) => hourlyInorganicRatio(env, f),
  funnel: (env, f) => funnel(env, f),
  daily_funnel: (env, f) => funnelOverTime(env, f, 'day'),
  weekly_funnel: (env, f) => funnelOverTime(env, f, 'week'),
  monthly_funnel: (env, f) => funnelOverTime(env, f, 'month'),
  hourly_funnel: (env, f) => hourlyFunnel(env, f),
  dimension_kpis: (env, f, p) => dimensionKpis(env, f, p as { sort: 'orders' | 'revenue' | 'value' }),
  avg_order_count_per_promo_per_cust: (env, f) => avgOrderCountPerPromoPerCust(env, f),
  promotion_number_of_customer: (env, f) => promotionNumberOfCustomer(env, f),
  weekly_average_payment_amount: (env, f) => weeklyAverage(env, f, ['revenue', 'orders', 'averageOrderValue'], ['revenue', 'orders']),
  weekly_average_order_per_user: (env, f) => weeklyAverage(env, f, ['orders', 'customers', 'averageOrders'], ['orders', 'buyers']),
  weekly_average_session_per_user: (env, f) => weeklyAverage(env, f, ['sessions', 'customers', 'averageSessions'], ['sessions', 'visitors']),
  daily_dimension_values: (env, f) => dailyDimensionValues(env, f),
  daily_promotion_revenue: (env, f) => promotionDays(env, f, 'revenue'),
  daily_promotion_discount: (env, f) => promotionDays(env, f, 'discount'),
  inorganic_orders_per_promotion_per_day: (env, f) => promotionDays(env, f, null),
  client_kpis: (env, f, p) => clientKpis(env, f, p as { client: string; limit: number }),
  category_tree: (env, f, p) => categoryTree(env, f, p as { path: string; metric: 'orders' | 'quantity' | 'revenue'; limit: number }),
  daily_products_of_sales: (env, f, p) => dailyProductsOfSales(env, f, p as { limit: number }),
  product_kpis: (env, f, p) => productKpis(env, f, p as { product: string; bucket: 'day' | 'week' | 'month' | 'quarter' | 'year' }),
  promotion_kpis: (env, f, p) => promotionKpis(env, f, p as { promotion: string | null; limit: number }),
  most_combined_products: (env, f, p) => mostCombined(env, f, p as MostCombinedProductsParams),
  bought_with: (env, f, p) => boughtWith(env, f, p as BoughtWithParams),
});

/** The names of the analyses pushed down to aggregations. */
export function pushedDownAnalyses(): string[] {
  return Object.keys(PUSHED_DOWN);
}

/** Runs the pushed-down analysis `name`. @throws UnsupportedQueryError for any other name. */
export async function runAnalysisSpec(env: QueryEnv, name: string, params: Readonly<Record<string, unknown>>, filter: Filter): Promise<QueryResult> {
  const runner = typeof name === 'string' && Object.prototype.hasOwnProperty.call(PUSHED_DOWN, name) ? PUSHED_DOWN[name] : undefined;
  if (!runner) {
    throw new UnsupportedQueryError(`analysis ${JSON.stringify(name)}`, `is not pushed down to Elasticsearch aggregations (pushed down: ${pushedDownAnalyses().join(', ')}); per-customer analyses run in the worker from executeSummaries pages`);
  }
  const definition = getAnalysis(name);
  let validated: unknown = params;
  try {
    validated = definition?.params ? definition.params(params ?? {}) : params;
  } catch (error) {
    throw new UnsupportedQueryError(`analysis "${name}" params`, (error as Error).message);
  }
  return runner(env, filter, validated);
}
