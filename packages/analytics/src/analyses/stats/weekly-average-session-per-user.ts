import { weeklyAverage } from './weekly-average.js';

/**
 * `weekly_average_session_per_user`: per week, the mean over the customers with a session that
 * week of their number of sessions that week = sessions / distinct clients with a session.
 * Rows `{ bucket, sessions, customers, averageSessions }` (see `weeklyAverage`).
 */
export const weeklyAverageSessionPerUser = weeklyAverage({
  name: 'weekly_average_session_per_user',
  description: 'Per week, mean sessions per customer with a session that week',
  fields: ['sessions', 'customers', 'averageSessions'],
  measures: ['sessions', 'visitors'],
});
