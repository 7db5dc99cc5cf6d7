import { CohortHeatmap } from '../widgets/CohortHeatmap.js';
import { CustomerList } from '../widgets/CustomerList.js';
import { Donut } from '../widgets/Donut.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LineChart } from '../widgets/LineChart.js';
import { LocationBreakdown } from '../widgets/LocationBreakdown.js';
import { TopProducts } from '../widgets/TopProducts.js';
import { CategoryTree } from './CategoryTree.js';

const STATUS_LABELS = { active: 'Active', churned: 'Churned', long_gone: 'Long gone' };

/**
 * Seed 000's CLV dashboard. Shop health: KPIs against the previous period, the active /
 * churned / long-gone donut (a slice filters `customer_status`) and its trend down to days.
 * Customer health: retention by first purchase month. Products and users: the category ->
 * product drill-down, top products, gender and location. The user list for campaigns: the
 * customers behind the selection, with CSV export and "Send to campaign".
 */
export function ClvLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['buyers', 'orders', 'revenue', 'historicalClv', 'purchaseFrequency']} />
      <Donut heading="Shop health: customer status" labels={STATUS_LABELS} />
      <LineChart
        heading="Customer status trend"
        report="customer_status_trend"
        params={{ unit: 'month' }}
        bucketParam="unit"
        buckets={['month', 'week', 'day']}
        seriesField="status"
        value="customers"
        labels={STATUS_LABELS}
      />
      <CohortHeatmap className="clv-wide" heading="Customer health: retention by first purchase month" report="retention_cohorts" params={{ bucket: 'month' }} />
      <CategoryTree />
      <TopProducts limit={10} />
      <Donut heading="Customers by gender" report="demographics" params={{ by: 'gender' }} field="customers.gender" fieldLabel="Gender" />
      <LocationBreakdown />
      <CustomerList className="clv-wide" heading="Users for campaigns" />
    </>
  );
}
