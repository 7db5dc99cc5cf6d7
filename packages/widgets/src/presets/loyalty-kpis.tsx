import { DataTable } from '../widgets/DataTable.js';
import { Donut } from '../widgets/Donut.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LineChart } from '../widgets/LineChart.js';
import { newcomersOrChurnersFilter } from './mark-filters.js';

/**
 * Seed 004's loyalty KPIs: buyers, orders, revenue, average check, purchase frequency and
 * historical CLV against the previous period, the customer base over time, the lifecycle
 * (new, returning, resurrecting, dormant) and the status donut; every bar, point, slice and
 * row selects its customers.
 */
export function LoyaltyKpisLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['buyers', 'orders', 'revenue', 'averageOrderValue', 'purchaseFrequency', 'historicalClv']} />
      <LineChart
        className="clv-wide"
        heading="Customer base"
        report="customer_base"
        params={{ unit: 'month' }}
        bucketParam="unit"
        buckets={['month', 'week']}
        series={[{ key: 'total', label: 'Registered' }, { key: 'active', label: 'Active (ordered)' }, { key: 'visitors', label: 'Visitors' }]}
      />
      <LineChart className="clv-wide" heading="Lifecycle" report="lifecycle" params={{ unit: 'month' }} bucketParam="unit" buckets={['month', 'week']} />
      <Donut heading="Customer status" />
      <DataTable
        heading="Newcomers and churners (180 days)"
        report="newcomers_and_churners"
        serverSide={false}
        rowKey="group"
        rowFilter={newcomersOrChurnersFilter}
        campaign={false}
        noun="groups"
        columns={[
          { key: 'group', label: 'Group', kind: 'text' },
          { key: 'customers', label: 'Customers', kind: 'count' },
          { key: 'base', label: 'Of', kind: 'count' },
          { key: 'rate', label: 'Rate', kind: 'percent' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
        ]}
      />
    </>
  );
}
