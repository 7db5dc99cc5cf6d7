import { sessionFunnelOverTime } from './session-funnel-over-time.js';

/** `daily_funnel`: the session funnel per day (see `sessionFunnelOverTime`). */
export const dailyFunnel = sessionFunnelOverTime('daily_funnel', 'day');
