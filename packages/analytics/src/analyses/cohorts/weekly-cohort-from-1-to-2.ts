import { orderGapCohort } from './order-gap-cohort.js';

/** `weekly_cohort_from_1_to_2`: customers per week of their order 1 by weeks to order 2 (see `orderGapCohort`). */
export const weeklyCohortFrom1To2 = orderGapCohort('weekly_cohort_from_1_to_2', 'week', 1);
