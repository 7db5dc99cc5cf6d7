import { Connected } from '../ui/Connected.js';
import { withDefaults } from '../ui/with-defaults.js';
import { DataTableView, type DataTableProps } from './DataTable.js';

/** Options of `CustomerList`: a `DataTable` whose defaults show the customers behind the selection. */
export type CustomerListProps = DataTableProps;

/**
 * The customers behind the current selection (the seed's campaign user list): a `DataTable`
 * over the `customer_list` report by default, rows keyed and filtered by `client`, with CSV
 * export and "Send to campaign" (`clv-segment-action`).
 */
export function CustomerList(props: CustomerListProps) {
  const full = withDefaults<DataTableProps>({ heading: 'Customers', noun: 'customers', report: 'customer_list', rowKey: 'client', rowField: 'client', rowLabel: 'Customer' }, props);
  return (
    <Connected widget="customer-list" props={full}>
      {(connected) => <DataTableView {...connected} />}
    </Connected>
  );
}
