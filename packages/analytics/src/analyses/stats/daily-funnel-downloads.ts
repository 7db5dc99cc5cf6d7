import { customerFunnelOverTime } from './customer-funnel-over-time.js';

/** `daily_funnel_downloads`: customers reaching each customer funnel step per day (see `customerFunnelOverTime`). */
export const dailyFunnelDownloads = customerFunnelOverTime('daily_funnel_downloads', 'day');
