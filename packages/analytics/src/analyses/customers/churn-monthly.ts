import { churnSeries } from './churn-series.js';

/** `churn_monthly`: churn per calendar month (see `churnSeries`). */
export const churnMonthly = churnSeries('churn_monthly', 'month');
