import { DataTable } from '../widgets/DataTable.js';
import { Donut } from '../widgets/Donut.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { LineChart } from '../widgets/LineChart.js';
import { LocationBreakdown } from '../widgets/LocationBreakdown.js';
import { ageBandFilter, contactableFilter, filledFieldsFilter } from './mark-filters.js';

/** The contactable customers per channel (email, SMS, push). */
export function ContactableTable(props: { readonly className?: string }) {
  return (
    <DataTable
      className={props.className}
      heading="Contactable customers"
      report="contactable_customers"
      serverSide={false}
      rowKey="channel"
      rowField=""
      rowFilter={contactableFilter}
      campaign={false}
      noun="channels"
      columns={[
        { key: 'channel', label: 'Channel', kind: 'text' },
        { key: 'customers', label: 'Customers', kind: 'count' },
        { key: 'withContact', label: 'With contact', kind: 'count' },
        { key: 'consented', label: 'Consented', kind: 'count' },
        { key: 'contactable', label: 'Contactable', kind: 'count' },
        { key: 'share', label: 'Share', kind: 'percent' },
      ]}
    />
  );
}

/**
 * Seed 004's customer base: registrations over time, contact availability per channel,
 * profile completeness, and demographics by location, gender and age (slices and bars filter
 * their customers).
 */
export function CustomerBaseLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <LineChart
        className="clv-wide"
        heading="Registrations"
        report="customer_base"
        params={{ unit: 'month' }}
        bucketParam="unit"
        buckets={['month', 'week', 'day']}
        series={[{ key: 'registrations', label: 'Registrations', mark: 'bar' }]}
      />
      <ContactableTable />
      <DataTable
        heading="Profile completeness"
        report="profile_completeness"
        serverSide={false}
        rowKey="field"
        rowField=""
        rowFilter={filledFieldsFilter}
        campaign={false}
        noun="fields"
        columns={[
          { key: 'field', label: 'Field', kind: 'text' },
          { key: 'filled', label: 'Filled', kind: 'count' },
          { key: 'customers', label: 'Customers', kind: 'count' },
          { key: 'share', label: 'Complete', kind: 'percent' },
        ]}
      />
      <LocationBreakdown />
      <Donut heading="Customers by gender" report="demographics" params={{ by: 'gender' }} field="customers.gender" fieldLabel="Gender" />
      <Donut heading="Customers by age" report="demographics" params={{ by: 'age' }} fieldLabel="Age" sliceFilter={ageBandFilter} />
    </>
  );
}
