import { useContext, useMemo } from 'preact/hooks';
import { calendarFor } from '@clvkit/core';
import { useTimeOptions } from '../data/use-time-options.js';
import type { EngineLike } from '../engine-like.js';
import type { ValueKind } from '../format.js';
import { DashboardContext } from '../ui/context.js';
import { CohortHeatmap } from '../widgets/CohortHeatmap.js';
import { DataTable } from '../widgets/DataTable.js';
import { DimensionPicker } from '../widgets/DimensionPicker.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { cohortRowsFilter } from './mark-filters.js';
import { PresetSwitch } from './PresetSwitch.js';

type CohortView = 'ltv' | 'retention' | 'active' | 'check';

const VIEWS: readonly { value: CohortView; label: string }[] = [
  { value: 'ltv', label: 'LTV' },
  { value: 'retention', label: 'Retention' },
  { value: 'active', label: 'Active customers' },
  { value: 'check', label: 'Average check' },
];

/** What each view shows of the `retention_cohorts` rows. */
const VIEW_CELLS: Readonly<Record<CohortView, { heading: string; value: string; ratio: string; valueKind: ValueKind; valueLabel: string }>> = {
  ltv: { heading: 'LTV: cumulative revenue per customer', value: 'cumulativeRevenuePerCustomer', ratio: '', valueKind: 'money', valueLabel: 'revenue per customer' },
  retention: { heading: 'Retention', value: 'customers', ratio: 'retention', valueKind: 'count', valueLabel: 'customers' },
  active: { heading: 'Active customers', value: 'customers', ratio: '', valueKind: 'count', valueLabel: 'customers' },
  check: { heading: 'Average check', value: 'averageOrderValue', ratio: '', valueKind: 'money', valueLabel: 'average order value' },
};

/** The source of the cohort heatmap (its clause is cleared when the view changes). */
export const LOYALTY_COHORT_SOURCE = 'loyalty-cohorts';

/**
 * Seed 004's cohort analysis: `retention_cohorts` as LTV, retention, active customers or
 * average check (a cell filters its customers' orders in that month), the cohorts' mean
 * lifetime (a row filters the cohort), filterable by channel with the dimension picker.
 */
export function LoyaltyCohortsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <DimensionPicker className="clv-wide" heading="Channel" fieldLabel="Channel" />
      <PresetSwitch label="Cohort view" options={VIEWS} sources={[LOYALTY_COHORT_SOURCE]}>
        {(view) => {
          const cells = VIEW_CELLS[view];
          return (
            <CohortHeatmap
              className="clv-wide"
              source={LOYALTY_COHORT_SOURCE}
              heading={cells.heading}
              report="retention_cohorts"
              params={{ bucket: 'month' }}
              value={cells.value}
              ratio={cells.ratio}
              mode={cells.ratio === '' ? 'count' : 'percent'}
              valueKind={cells.valueKind}
              valueLabel={cells.valueLabel}
            />
          );
        }}
      </PresetSwitch>
      <CohortLifetime />
    </>
  );
}

function CohortLifetime() {
  const { engine } = useContext(DashboardContext);
  return engine ? <CohortLifetimeTable engine={engine} /> : null;
}

function CohortLifetimeTable({ engine }: { readonly engine: EngineLike }) {
  const time = useTimeOptions(engine);
  const rowFilter = useMemo(() => cohortRowsFilter(calendarFor(time), 'month'), [time.timeZone, time.weekStart]);
  return (
    <DataTable
      className="clv-wide"
      heading="Cohort lifetime"
      report="cohort_lifetime"
      params={{ bucket: 'month' }}
      serverSide={false}
      rowKey="cohort"
      rowFilter={rowFilter}
      rowLabel="Cohort"
      campaign={false}
      noun="cohorts"
      pageSize={12}
      columns={[
        { key: 'cohort', label: 'First order month', kind: 'text' },
        { key: 'cohortSize', label: 'Customers', kind: 'count' },
        { key: 'meanLifetimeDays', label: 'Mean lifetime (days)', kind: 'decimal' },
        { key: 'meanLifetimeBuckets', label: 'Mean lifetime (months)', kind: 'decimal' },
      ]}
    />
  );
}
