import type { Dataset, ImportReport, Table, TableName, TableReport } from '@clvkit/core';
import type { EngineInfo, TableInfo } from './types.js';

const TABLE_ORDER: readonly TableName[] = ['sessions', 'customers', 'lines', 'messages'];

/** The tables of a dataset, in a fixed order, with their column names and types. */
export function describeTables(dataset: Dataset): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const name of TABLE_ORDER) {
    const table: Table | undefined = dataset[name];
    if (!table) continue;
    const fields = Object.entries(table.columns).map(([field, column]) => ({ name: field, type: column.type }));
    tables.push({ name, length: table.length, fields });
  }
  return tables;
}

/** First and last non-missing `sessions.session_start`, or null when there is none. */
export function sessionTimeExtent(dataset: Dataset): [number, number] | null {
  const column = dataset.sessions.columns.session_start;
  if (!column || column.type !== 'time') return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of column.values) {
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** The report of a dataset that was handed over ready-made: every row counts as read and used. */
export function passThroughReport(dataset: Dataset): ImportReport {
  const used = (table: Table): TableReport => ({ rowsIn: table.length, rowsUsed: table.length, rejected: {}, repaired: {}, samples: [] });
  return {
    sessions: used(dataset.sessions),
    ...(dataset.customers ? { customers: used(dataset.customers) } : {}),
    ...(dataset.lines ? { lines: used(dataset.lines) } : {}),
    ...(dataset.messages ? { messages: used(dataset.messages) } : {}),
    warnings: [],
  };
}

/** Everything `Engine.ready()` tells about a loaded dataset. */
export function describeDataset(dataset: Dataset, report: ImportReport): EngineInfo {
  return { report, tables: describeTables(dataset), timeExtent: sessionTimeExtent(dataset), time: { ...dataset.time } };
}
