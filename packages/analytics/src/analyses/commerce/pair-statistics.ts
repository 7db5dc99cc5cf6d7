/** What a basket analysis ranks by. */
export type PairMetric = 'orders' | 'support' | 'confidence' | 'lift';

/** The ranking choices, in the order the params list them. */
export const PAIR_METRICS: readonly PairMetric[] = ['orders', 'support', 'confidence', 'lift'];

/** Default cap on distinct products per basket (see `Baskets`). */
export const DEFAULT_MAX_BASKET = 100;

/**
 * Association statistics of "orders with X also have Y" over N baskets:
 * support = both / N; confidence (X -> Y) = both / ordersX; lift = confidence / (ordersY / N)
 * = both × N / (ordersX × ordersY), symmetric in X and Y (1 = independent, > 1 = bought
 * together more often than chance).
 */
export function pairStatistics(both: number, ordersX: number, ordersY: number, baskets: number): { support: number; confidence: number; lift: number } {
  return {
    support: both / baskets,
    confidence: both / ordersX,
    lift: (both * baskets) / (ordersX * ordersY),
  };
}
