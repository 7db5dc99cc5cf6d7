import { segmentsChangeAnalysis } from './segments-change.js';

/**
 * `segments_change_daily_before_after_amount` (a seed report name): per RFM segment, the paired test of average order value per customer in
 * the current day vs the same weekday of the 4 weeks before, customers whose segment changed excluded (see `segmentsChangeAnalysis`).
 */
export const segmentsChangeDailyBeforeAfterAmount = segmentsChangeAnalysis('daily', 'amount');
