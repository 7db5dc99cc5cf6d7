import { DataTable } from '../widgets/DataTable.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { Journey } from '../widgets/Journey.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LineChart } from '../widgets/LineChart.js';
import { TimeSeries } from '../widgets/TimeSeries.js';
import { TopCategories } from '../widgets/TopCategories.js';
import { TopProducts } from '../widgets/TopProducts.js';

/**
 * Seed 003's Overall dashboard: orders, revenue, visitors and discount, daily orders, the
 * customer journey, the churn rate and its weekly line, the top 10 products and categories.
 */
export function OverallLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['orders', 'revenue', 'visitors', 'discount']} />
      <TimeSeries className="clv-wide" heading="Daily orders" measure="orders" bucket="day" />
      <Journey className="clv-wide" heading="Customer journey" />
      <DataTable
        heading="Churn rate"
        report="churn"
        serverSide={false}
        rowField=""
        exportable={false}
        campaign={false}
        noun="figures"
        columns={[
          { key: 'churn', label: 'Churn', kind: 'percent' },
          { key: 'avgGapDays', label: 'Average days between orders', kind: 'decimal' },
          { key: 'engaged', label: 'Engaged customers', kind: 'count' },
          { key: 'buyers', label: 'Buyers', kind: 'count' },
        ]}
      />
      <LineChart heading="Weekly churn" report="churn_weekly" />
      <TopProducts limit={10} />
      <TopCategories limit={10} />
    </>
  );
}
