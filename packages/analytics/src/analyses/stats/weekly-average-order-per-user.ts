import { weeklyAverage } from './weekly-average.js';

/**
 * `weekly_average_order_per_user`: per week, the mean over the customers with an order that
 * week of their number of orders that week = orders / distinct clients with an order.
 * Rows `{ bucket, orders, customers, averageOrders }` (see `weeklyAverage`).
 */
export const weeklyAverageOrderPerUser = weeklyAverage({
  name: 'weekly_average_order_per_user',
  description: 'Per week, mean orders per customer with an order that week',
  fields: ['orders', 'customers', 'averageOrders'],
  measures: ['orders', 'buyers'],
});
