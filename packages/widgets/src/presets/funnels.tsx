import { FilterChips } from '../widgets/FilterChips.js';
import { CohortHeatmap } from '../widgets/CohortHeatmap.js';
import { Funnel } from '../widgets/Funnel.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LineChart } from '../widgets/LineChart.js';

const SESSION_FUNNELS = { hour: 'hourly_funnel', day: 'daily_funnel', week: 'weekly_funnel', month: 'monthly_funnel' };
const OVER_TIME = { day: 'daily_funnel', week: 'weekly_funnel', month: 'monthly_funnel' };
const CUSTOMER_FUNNELS = { hour: 'hourly_funnel_downloads', day: 'daily_funnel_downloads', week: 'weekly_funnel_downloads', month: 'monthly_funnel_downloads' };

/**
 * Seed 003's Funnels page: the session funnel with a bucket switch, its steps over time, and
 * the customer funnel (download, sign-up, first session, first purchase, ...). A step is a
 * filter (the sessions that reached it), which the KPI cards follow.
 */
export function FunnelsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['sessions', 'orders', 'visitors', 'conversion']} />
      <Funnel className="clv-wide" heading="Session funnel" report="daily_funnel" bucketReports={SESSION_FUNNELS} />
      <LineChart className="clv-wide" heading="Funnel over time" report="daily_funnel" seriesField="step" value="count" bucketReports={OVER_TIME} />
      <Funnel className="clv-wide" heading="Customer funnel" report="daily_funnel_downloads" bucketReports={CUSTOMER_FUNNELS} noun="customers" />
      <CohortHeatmap
        className="clv-wide"
        heading="Customer funnel by download week (14-day window)"
        report="customer_funnel_cohort"
        params={{ bucket: 'week', windowDays: 14 }}
        column="step"
        value="count"
        ratio="conversionFromFirst"
        metaColumns="steps"
        columnTitle="Step reached within 14 days of the download"
        rowField="customers.download_date"
        columnField=""
        rowBucket="week"
      />
    </>
  );
}
