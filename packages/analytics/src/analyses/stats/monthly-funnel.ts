import { sessionFunnelOverTime } from './session-funnel-over-time.js';

/** `monthly_funnel`: the session funnel per month (see `sessionFunnelOverTime`). */
export const monthlyFunnel = sessionFunnelOverTime('monthly_funnel', 'month');
