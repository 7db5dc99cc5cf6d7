import { churnSeries } from './churn-series.js';

/** `churn_weekly` (seed 003 "Churn Rate Weekly"): churn per week (see `churnSeries`). */
export const churnWeekly = churnSeries('churn_weekly', 'week');
