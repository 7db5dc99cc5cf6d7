import { Connected } from '../ui/Connected.js';
import { withDefaults } from '../ui/with-defaults.js';
import { BarListView, type BarListProps } from './BarList.js';

/** Options of `LocationBreakdown`: a `BarList` whose field defaults to `customers.location`. */
export type LocationBreakdownProps = Omit<BarListProps, 'field'> & { readonly field?: string };

/**
 * Customers (distinct buyers), orders or revenue by the customers' location: a `BarList`
 * over sessions grouped by `customers.location`; a bar publishes `isIn('customers.location', values)`.
 */
export function LocationBreakdown(props: LocationBreakdownProps) {
  const full = withDefaults<BarListProps>(
    {
      heading: 'Customers by location',
      fieldLabel: 'Location',
      noun: 'locations',
      field: 'customers.location',
      table: 'sessions',
      // The first of the host's metrics, else customers.
      metric: props.metrics && props.metrics.length > 0 ? props.metrics[0] : 'buyers',
      metrics: ['buyers', 'orders', 'revenue'],
    },
    props as BarListProps,
  );
  return (
    <Connected widget="location-breakdown" props={full}>
      {(connected) => <BarListView {...connected} />}
    </Connected>
  );
}
