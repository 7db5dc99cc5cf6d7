import { customerFunnelOverTime } from './customer-funnel-over-time.js';

/** `weekly_funnel_downloads`: customers reaching each customer funnel step per week (see `customerFunnelOverTime`). */
export const weeklyFunnelDownloads = customerFunnelOverTime('weekly_funnel_downloads', 'week');
