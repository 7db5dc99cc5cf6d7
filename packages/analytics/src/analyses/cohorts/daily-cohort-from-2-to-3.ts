import { orderGapCohort } from './order-gap-cohort.js';

/** `daily_cohort_from_2_to_3`: customers per day of their order 2 by days to order 3 (see `orderGapCohort`). */
export const dailyCohortFrom2To3 = orderGapCohort('daily_cohort_from_2_to_3', 'day', 2);
