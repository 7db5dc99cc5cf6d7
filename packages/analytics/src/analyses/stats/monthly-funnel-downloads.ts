import { customerFunnelOverTime } from './customer-funnel-over-time.js';

/** `monthly_funnel_downloads`: customers reaching each customer funnel step per month (see `customerFunnelOverTime`). */
export const monthlyFunnelDownloads = customerFunnelOverTime('monthly_funnel_downloads', 'month');
