import { weeklyAverage } from './weekly-average.js';

/**
 * `weekly_average_payment_amount`: per week, the mean order value = Σ payment_amount of the
 * week's orders / orders. Rows `{ bucket, revenue, orders, averageOrderValue }` (see `weeklyAverage`).
 */
export const weeklyAveragePaymentAmount = weeklyAverage({
  name: 'weekly_average_payment_amount',
  description: 'Per week, mean order value (revenue / orders)',
  fields: ['revenue', 'orders', 'averageOrderValue'],
  measures: ['revenue', 'orders'],
});
