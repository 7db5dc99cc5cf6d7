import { orderGapCohort } from './order-gap-cohort.js';

/** `weekly_cohort_from_2_to_3`: customers per week of their order 2 by weeks to order 3 (see `orderGapCohort`). */
export const weeklyCohortFrom2To3 = orderGapCohort('weekly_cohort_from_2_to_3', 'week', 2);
