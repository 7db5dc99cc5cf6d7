import { orderGapCohort } from './order-gap-cohort.js';

/** `daily_cohort_from_1_to_2`: customers per day of their order 1 by days to order 2 (see `orderGapCohort`). */
export const dailyCohortFrom1To2 = orderGapCohort('daily_cohort_from_1_to_2', 'day', 1);
