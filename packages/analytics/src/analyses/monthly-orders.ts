import { ordersOverTime } from './orders-over-time.js';

/** `monthly_orders`: orders and revenue per month (see `ordersOverTime`). */
export const monthlyOrders = ordersOverTime('monthly_orders', 'month');
