import { describe, expect, it } from 'vitest';
import { getAnalysis, reportNames, runAnalysis } from '../../src/index.js';
import { STATS_ANALYSES } from '../../src/analyses/stats/index.js';
import { funnelShop } from './fixtures.js';

describe('stats analyses in the registry', () => {
  it('registers every stats analysis under its seed name', () => {
    expect(STATS_ANALYSES.map((d) => d.name).sort()).toEqual([
      'customer_funnel_cohort', 'customer_journey', 'daily_funnel', 'daily_funnel_downloads', 'funnel', 'hourly_funnel',
      'hourly_funnel_downloads', 'monthly_funnel', 'monthly_funnel_downloads', 'purchase_amount_distribution',
      'user_counts_per_order_seq', 'weekly_average_order_per_user', 'weekly_average_payment_amount',
      'weekly_average_session_per_user', 'weekly_funnel', 'weekly_funnel_downloads',
    ]);
    expect(reportNames()).toEqual(expect.arrayContaining(STATS_ANALYSES.map((d) => d.name)));
    for (const d of STATS_ANALYSES) expect(getAnalysis(d.name)).toBe(d);
  });

  it('runs through runAnalysis', () => {
    // 9 sessions, 5 of them orders (see fixtures.ts)
    expect(runAnalysis(funnelShop(), 'funnel').rows.map((r) => r.count)).toEqual([9, 7, 6, 5]);
  });
});
