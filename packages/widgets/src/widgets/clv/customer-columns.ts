import type { TableColumn } from '../../charts/table-columns.js';

/** The columns of a `client_feature_predicted` table by key. */
export const CLV_COLUMN: Readonly<Record<string, TableColumn>> = {
  client: { key: 'client', label: 'Customer', kind: 'text' },
  segment: { key: 'segment', label: 'Segment', kind: 'text' },
  clv: { key: 'clv', label: 'CLV', kind: 'money' },
  pAlive: { key: 'pAlive', label: 'P(alive)', kind: 'percent' },
  expectedOrders: { key: 'expectedOrders', label: 'Expected orders', kind: 'decimal' },
  x: { key: 'x', label: 'Repeat orders', kind: 'count' },
  monetary: { key: 'monetary', label: 'Avg. repeat order', kind: 'money' },
};

/** Every column of a `client_feature_predicted` table (wide layouts). */
export const CLV_CUSTOMER_COLUMNS: readonly TableColumn[] = ['client', 'segment', 'clv', 'pAlive', 'expectedOrders', 'x', 'monetary'].map((k) => CLV_COLUMN[k]);
