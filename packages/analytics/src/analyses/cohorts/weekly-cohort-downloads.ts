import { orderGapCohort } from './order-gap-cohort.js';

/** `weekly_cohort_downloads`: customers per week of download by weeks to their first order (see `orderGapCohort`). */
export const weeklyCohortDownloads = orderGapCohort('weekly_cohort_downloads', 'week', 0);
