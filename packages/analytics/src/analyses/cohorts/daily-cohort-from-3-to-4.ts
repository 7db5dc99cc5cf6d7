import { orderGapCohort } from './order-gap-cohort.js';

/** `daily_cohort_from_3_to_4`: customers per day of their order 3 by days to order 4 (see `orderGapCohort`). */
export const dailyCohortFrom3To4 = orderGapCohort('daily_cohort_from_3_to_4', 'day', 3);
