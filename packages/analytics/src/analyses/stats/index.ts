import type { AnalysisDefinition } from '../../types.js';
import { customerFunnelCohort } from './customer-funnel-cohort.js';
import { customerJourney } from './customer-journey.js';
import { dailyFunnel } from './daily-funnel.js';
import { dailyFunnelDownloads } from './daily-funnel-downloads.js';
import { funnel } from './funnel.js';
import { hourlyFunnel } from './hourly-funnel.js';
import { hourlyFunnelDownloads } from './hourly-funnel-downloads.js';
import { monthlyFunnel } from './monthly-funnel.js';
import { monthlyFunnelDownloads } from './monthly-funnel-downloads.js';
import { purchaseAmountDistribution } from './purchase-amount-distribution.js';
import { userCountsPerOrderSeq } from './user-counts-per-order-seq.js';
import { weeklyAverageOrderPerUser } from './weekly-average-order-per-user.js';
import { weeklyAveragePaymentAmount } from './weekly-average-payment-amount.js';
import { weeklyAverageSessionPerUser } from './weekly-average-session-per-user.js';
import { weeklyFunnel } from './weekly-funnel.js';
import { weeklyFunnelDownloads } from './weekly-funnel-downloads.js';

/** The stats analyses (registered through ../index.ts): descriptive stats, funnels, customer journey. */
export const STATS_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  weeklyAverageSessionPerUser,
  weeklyAverageOrderPerUser,
  weeklyAveragePaymentAmount,
  purchaseAmountDistribution,
  userCountsPerOrderSeq,
  funnel,
  dailyFunnel,
  weeklyFunnel,
  monthlyFunnel,
  hourlyFunnel,
  dailyFunnelDownloads,
  weeklyFunnelDownloads,
  monthlyFunnelDownloads,
  hourlyFunnelDownloads,
  customerFunnelCohort,
  customerJourney,
];
