import { ordersOverTime } from './orders-over-time.js';

/** `daily_orders`: orders and revenue per day (see `ordersOverTime`). */
export const dailyOrders = ordersOverTime('daily_orders', 'day');
