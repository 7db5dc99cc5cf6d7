import type { TableColumn } from '../charts/table-columns.js';
import { CLV_COLUMN as COLUMN } from './clv/customer-columns.js';
import { Connected } from '../ui/Connected.js';
import { withDefaults } from '../ui/with-defaults.js';
import { DataTableView, type DataTableProps } from './DataTable.js';

export { CLV_CUSTOMER_COLUMNS } from './clv/customer-columns.js';

/** Options of `ClvTopCustomers` and `ClvLeastEngagedCustomers`: a `DataTable` with CLV defaults. */
export type ClvCustomerTableProps = DataTableProps & {
  /** How many customers (the `limit` param of `client_feature_predicted`, default 100). */
  readonly limit?: number;
  /** Forecast horizon in days (the `horizonDays` param; default the analysis', 182). */
  readonly horizonDays?: number;
};

/** The columns that fit half a dashboard: the customer, the segment, the sort column first, then the other key figure and the expected orders. */
function compactColumns(first: 'clv' | 'pAlive'): TableColumn[] {
  return ['client', 'segment', first, first === 'clv' ? 'pAlive' : 'clv', 'expectedOrders'].map((k) => COLUMN[k]);
}

function tableDefaults(props: ClvCustomerTableProps, sort: string, heading: string, column: string, order: 'asc' | 'desc'): DataTableProps {
  const params: Record<string, unknown> = { sort, limit: props.limit ?? 100 };
  if (props.horizonDays !== undefined) params.horizonDays = props.horizonDays;
  return withDefaults<DataTableProps>(
    {
      heading,
      noun: 'customers',
      report: 'client_feature_predicted',
      params: { ...params, ...(props.params ?? {}) },
      // The analysis sorts and cuts to `limit`; headers re-sort those rows here.
      serverSide: false,
      sort: column,
      order,
      pageSize: 10,
      rowKey: 'client',
      rowField: 'client',
      rowLabel: 'Customer',
      // Five columns fit half a dashboard; wide layouts pass CLV_CUSTOMER_COLUMNS.
      columns: compactColumns(column === 'clv' ? 'clv' : 'pAlive'),
    },
    { ...props, params: undefined } as DataTableProps,
  );
}

/**
 * The most valuable customers (seed 001, panel 5): `client_feature_predicted` sorted by CLV,
 * highest first, the top `limit` (100). A row click (or Enter on its button) filters every
 * other widget to that customer (`isIn('client', [id])`), Shift adds or removes, Escape clears.
 */
export function ClvTopCustomers(props: ClvCustomerTableProps) {
  const full = tableDefaults(props, '-clv', `Top ${props.limit ?? 100} customers by CLV`, 'clv', 'desc');
  return (
    <Connected widget="clv-top-customers" props={full}>
      {(connected) => <DataTableView {...connected} />}
    </Connected>
  );
}

/**
 * The least engaged customers (seed 001, panel 4): `client_feature_predicted` sorted by the
 * probability of being alive, lowest first, the first `limit` (100). Rows filter like
 * `ClvTopCustomers`'s.
 */
export function ClvLeastEngagedCustomers(props: ClvCustomerTableProps) {
  const full = tableDefaults(props, 'pAlive', `${props.limit ?? 100} least engaged customers`, 'pAlive', 'asc');
  return (
    <Connected widget="clv-least-engaged" props={full}>
      {(connected) => <DataTableView {...connected} />}
    </Connected>
  );
}
