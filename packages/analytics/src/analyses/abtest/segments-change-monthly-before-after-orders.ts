import { segmentsChangeAnalysis } from './segments-change.js';

/**
 * `segments_change_monthly_before_after_orders` (a seed report name): per RFM segment, the paired test of orders per customer in
 * the current month to date vs the same days of the 4 months before, customers whose segment changed excluded (see `segmentsChangeAnalysis`).
 */
export const segmentsChangeMonthlyBeforeAfterOrders = segmentsChangeAnalysis('monthly', 'orders');
