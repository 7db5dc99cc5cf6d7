import { segmentsChangeAnalysis } from './segments-change.js';

/**
 * `segments_change_daily_before_after_orders` (a seed report name): per RFM segment, the paired test of orders per customer in
 * the current day vs the same weekday of the 4 weeks before, customers whose segment changed excluded (see `segmentsChangeAnalysis`).
 */
export const segmentsChangeDailyBeforeAfterOrders = segmentsChangeAnalysis('daily', 'orders');
