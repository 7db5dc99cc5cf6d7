import { orderGapCohort } from './order-gap-cohort.js';

/** `weekly_cohort_from_3_to_4`: customers per week of their order 3 by weeks to order 4 (see `orderGapCohort`). */
export const weeklyCohortFrom3To4 = orderGapCohort('weekly_cohort_from_3_to_4', 'week', 3);
