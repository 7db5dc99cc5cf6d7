import { sessionFunnelOverTime } from './session-funnel-over-time.js';

/** `weekly_funnel`: the session funnel per week (see `sessionFunnelOverTime`). */
export const weeklyFunnel = sessionFunnelOverTime('weekly_funnel', 'week');
