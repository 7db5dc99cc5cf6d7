import { CohortHeatmap } from '../widgets/CohortHeatmap.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { PresetSwitch } from './PresetSwitch.js';

type GapTable = 'cohort_downloads' | 'cohort_from_1_to_2' | 'cohort_from_2_to_3' | 'cohort_from_3_to_4';

const GAP_TABLES: readonly { value: GapTable; label: string }[] = [
  { value: 'cohort_from_1_to_2', label: 'Order 1 → 2' },
  { value: 'cohort_from_2_to_3', label: 'Order 2 → 3' },
  { value: 'cohort_from_3_to_4', label: 'Order 3 → 4' },
  { value: 'cohort_downloads', label: 'Download → order 1' },
];

/** The source of the order-gap heatmap (its clause is cleared when the event switch changes it). */
export const ORDER_GAP_SOURCE = 'cohorts-order-gap';

/**
 * Seed 003's Cohorts page: the order-gap cohort heatmaps (days or weeks until the next order)
 * with a daily / weekly switch and an event switch, the monthly retention heatmap, and the
 * KPI cards of whatever cell is selected.
 */
export function CohortsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['buyers', 'orders', 'revenue', 'averageOrderValue']} />
      <PresetSwitch label="Cohort event" options={GAP_TABLES} sources={[ORDER_GAP_SOURCE]}>
        {(table) => (
          <CohortHeatmap
            className="clv-wide"
            source={ORDER_GAP_SOURCE}
            heading={table === 'cohort_downloads' ? 'Days from download to first order' : 'Days to the next order'}
            report={`daily_${table}`}
            bucketReports={{ day: `daily_${table}`, week: `weekly_${table}` }}
          />
        )}
      </PresetSwitch>
      <CohortHeatmap className="clv-wide" heading="Retention by first order month" report="retention_cohorts" params={{ bucket: 'month' }} buckets={['month', 'week']} />
    </>
  );
}
