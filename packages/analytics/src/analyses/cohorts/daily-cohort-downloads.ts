import { orderGapCohort } from './order-gap-cohort.js';

/** `daily_cohort_downloads`: customers per day of download by days to their first order (see `orderGapCohort`). */
export const dailyCohortDownloads = orderGapCohort('daily_cohort_downloads', 'day', 0);
