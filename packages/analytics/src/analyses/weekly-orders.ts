import { ordersOverTime } from './orders-over-time.js';

/** `weekly_orders`: orders and revenue per week (see `ordersOverTime`). */
export const weeklyOrders = ordersOverTime('weekly_orders', 'week');
